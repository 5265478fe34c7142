import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody } from '../../errors';

/** Schema keywords about shape (400, malformed); the rest are about content (422). */
const SHAPE_KEYWORDS = new Set(['type', 'required', 'additionalProperties', 'const']);

interface ValidationItem {
  keyword?: string;
  instancePath?: string;
  message?: string;
}

// PostgreSQL refusing a value is a safety net: a client should have had a 4xx before SQL ran.
const PG_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'conflict', 'That already exists.'],
  '23514': [422, 'invalid_content', 'That content is not allowed.'],
  '23502': [422, 'invalid_content', 'A required value is missing.'],
  '22001': [422, 'invalid_content', 'A value is too long.'],
  '22P02': [400, 'invalid_request', 'A value has the wrong form.'],
  '22003': [400, 'invalid_request', 'A number is out of range.'],
  '22021': [400, 'invalid_request', 'Text contains a character that is not allowed.'],
  '54000': [422, 'invalid_content', 'That content is too complex.'],
};

function describeValidation(items: ValidationItem[], context: string | undefined): string {
  const first = items[0];
  if (!first) return 'The request is not valid.';
  const where = `${context ?? 'request'}${first.instancePath ?? ''}`.replace(/\//g, '.');
  return `${where} ${first.message ?? 'is not valid'}`;
}

async function errorHandlerPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message));
    }
    const fe = error as FastifyError & { validationContext?: string; code?: string };
    if (fe.validation) {
      const items = fe.validation as ValidationItem[];
      const shape = items.some((i) => SHAPE_KEYWORDS.has(i.keyword ?? ''));
      const status = shape ? 400 : 422;
      return reply
        .code(status)
        .send(errorBody(shape ? 'invalid_request' : 'invalid_content', describeValidation(items, fe.validationContext)));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(errorBody('invalid_json', 'The request body is not valid JSON.'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send(errorBody('payload_too_large', 'The request body is too large.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send(errorBody('unsupported_media_type', 'Send JSON (Content-Type: application/json).'));
      default:
        break;
    }
    const pgCode = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
    const pg = PG_CLIENT_ERRORS[pgCode];
    if (pg && 'severity' in error) {
      request.log.warn({ err: error }, 'database refused a value that validation let through');
      return reply.code(pg[0]).send(errorBody(pg[1], pg[2]));
    }
    const status = fe.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (status === 429) return reply.code(429).send(errorBody('rate_limited', 'Too many requests. Please wait a moment.'));
      const code = status === 404 ? 'not_found' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'invalid_request';
      return reply.code(status).send(errorBody(code, fe.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('internal_error', 'Something went wrong on our side. Please try again.'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}

export default fp(errorHandlerPlugin, { name: 'error-handler' });
