import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { EmbeddedDatabaseInUse } from './db/embedded-lock';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Haven cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const started = Date.now();
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp(config);
} catch (error) {
  if (error instanceof EmbeddedDatabaseInUse) {
    console.error(`Haven cannot start: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
app.server.requestTimeout = 30_000;
app.server.headersTimeout = 20_000;

// In-flight requests finish, then the database closes (PGlite must be closed or the process hangs).
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info(`${signal ?? 'close'} received, shutting down`);
  await app.close();
});

try {
  await app.listen({ port: config.port, host: config.host });
  const engine = app.dbEngine === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  app.log.info(`Haven is ready on http://localhost:${config.port} (${engine}) in ${Date.now() - started} ms`);
} catch (error) {
  app.log.error({ err: error }, 'could not listen');
  await app.close();
  process.exit(1);
}
