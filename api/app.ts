import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config';
import { connectDatabase, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrator';
import { seedBoards } from './db/seed';
import { loadCrisisResources, type CrisisResource } from './crisis-resources';
import errorHandler from './plugins/app/error-handler';
import { installValidators } from './plugins/app/validation';
import dbPlugin from './plugins/app/db';
import authPlugin from './plugins/app/auth';
import eventsPlugin from './plugins/app/events';
import moderationRulesPlugin from './plugins/app/moderation-rules';
import cookieJwt from './plugins/external/cookie-jwt';
import helmet from './plugins/external/helmet';
import rateLimit from './plugins/external/rate-limit';
import swagger from './plugins/external/swagger';
import web from './plugins/external/web';
import sse from './plugins/external/sse';
import healthRoutes from './routes/health/index';
import boardRoutes from './routes/boards/index';
import resourcesRoutes from './routes/resources/index';
import authRoutes from './routes/auth/index';
import adminRoutes from './routes/admin/index';
import eventsRoutes from './routes/events/index';
import notificationRoutes from './routes/notifications/index';
import threadRoutes from './routes/threads/index';
import postRoutes from './routes/posts/index';
import searchRoutes from './routes/search/index';
import flagRoutes from './routes/flags/index';
import moderationRoutes from './routes/moderation/index';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    crisisResources: readonly CrisisResource[];
  }
}

export interface BuildOptions {
  /** An open database (tests); otherwise the app connects, migrates, seeds and closes it itself. */
  database?: DatabaseHandle;
  /** Serve the web build (default: when config.webDist holds one). */
  serveWeb?: boolean;
  /** Where log lines go (default stdout); tests read them to check what is never logged. */
  logStream?: { write(line: string): void };
}

/** Logs are for operators: no client address, no cookies, no passwords, no search terms. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', '*.password', '*.newPassword', '*.recoveryCode'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  };
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger = loggerOptions(config);
  const app = Fastify({
    logger: options.logStream && typeof logger === 'object' ? { ...logger, stream: options.logStream } : logger,
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // A request id from a client could be used to tag people across requests; always make our own.
    requestIdHeader: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const owned = options.database === undefined;
  const database = options.database ?? (await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (owned) {
    try {
      await migrateToLatest(database.db);
      await seedBoards(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  app.decorate('config', config);
  app.decorate('crisisResources', loadCrisisResources(config.configDir));
  installValidators(app);
  await app.register(errorHandler);
  await app.register(dbPlugin, { handle: database, closeOnShutdown: owned });
  await app.register(helmet);
  await app.register(rateLimit, { enabled: config.rateLimits });
  await app.register(swagger);
  await app.register(cookieJwt, { secret: config.sessionSecret });
  await app.register(authPlugin, { config });
  await app.register(eventsPlugin, { handle: database, config });
  await app.register(sse, { heartbeatMs: config.liveHeartbeatMs });
  await app.register(moderationRulesPlugin);

  await app.register(healthRoutes);
  await app.register(boardRoutes);
  await app.register(resourcesRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes);
  await app.register(eventsRoutes);
  await app.register(notificationRoutes);
  await app.register(threadRoutes);
  await app.register(postRoutes);
  await app.register(searchRoutes);
  await app.register(flagRoutes);
  await app.register(moderationRoutes);

  if (options.serveWeb ?? config.webDist !== null) {
    if (config.webDist !== null) await app.register(web, { root: config.webDist });
  }
  return app;
}
