import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { DatabaseHandle } from '../../db/connect';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dbEngine: DatabaseHandle['engine'];
  }
}

export interface DbPluginOptions {
  handle: DatabaseHandle;
  /** Close the database when the app closes (the server owns it; tests may share one). */
  closeOnShutdown: boolean;
}

async function dbPlugin(app: FastifyInstance, options: DbPluginOptions): Promise<void> {
  app.decorate('db', options.handle.db);
  app.decorate('dbEngine', options.handle.engine);
  if (options.closeOnShutdown) {
    app.addHook('onClose', async () => {
      await options.handle.close();
    });
  }
}

export default fp(dbPlugin, { name: 'db' });
