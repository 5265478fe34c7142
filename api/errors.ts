/**
 * The one error policy: every failure a client can cause is an AppError with a stable
 * snake_case code; the error handler turns it into the contract's `{ error: { code, message } }`.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra response headers (Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (message = 'Please sign in first.') => new AppError(401, 'unauthorized', message);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
export const notFound = (message = 'We could not find that.') => new AppError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unprocessable = (code: string, message: string) => new AppError(422, code, message);
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests. Please wait a moment.') =>
  new AppError(429, 'rate_limited', message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

export const csrfFailed = () =>
  forbidden('csrf_failed', 'This request is missing its X-CSRF-Token. Reload the page and try again.');

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Parses an opaque ID from a URL; anything that is not one of ours is simply not found. */
export function parseId(raw: string): string {
  if (!/^[1-9]\d{0,17}$/.test(raw)) throw notFound();
  return raw;
}
