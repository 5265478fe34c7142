import { connectDatabase, type DatabaseHandle } from '../db/connect';
import { EmbeddedDatabaseInUse } from '../db/embedded-lock';
import type { Config } from '../config';

/**
 * Opens the configured database for a CLI command. A PostgreSQL server takes any number of
 * clients, so commands work while Haven runs; the embedded database allows one process at a
 * time, and while the server holds it (its pid file in DATA_DIR) the command says so and stops.
 */
export async function openDatabase(config: Config, command = 'command'): Promise<DatabaseHandle> {
  try {
    return await connectDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: 2,
      holder: `cli ${command}`,
    });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseInUse) {
      throw new Error(`cannot open the embedded database in ${config.dataDir}: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
