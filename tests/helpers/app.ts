import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { loadConfig, type Config } from '../../api/config';
import { seedBoards } from '../../api/db/seed';
import { createTestDatabase, type Engine, type TestDatabase } from './database';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** The real app on this file's own database, driven with `app.inject` (no port). */
export async function buildTestApp(
  overrides: Partial<Config> = {},
  options: { engine?: Engine; seed?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(options.engine);
  if (options.seed ?? true) await seedBoards(database.db);
  const config = loadConfig({ NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off' }, { webDist: null, passwordHashCost: 10, ...overrides });
  const app = await buildApp(config, { database });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
