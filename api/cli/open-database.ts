import { connectDatabase, type DatabaseHandle } from '../db/connect';
import type { Config } from '../config';

/**
 * Opens the configured database for a CLI command. The embedded database allows one process
 * at a time, so while the server holds it the command says so instead of failing obscurely.
 */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    return await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  } catch (error) {
    if (config.databaseUrl === null) {
      throw new Error(
        `cannot open the embedded database in ${config.dataDir}: is the server running? ` +
          'Stop it first (the embedded database allows one process at a time), or use DATABASE_URL. ' +
          `(${(error as Error).message})`,
        { cause: error },
      );
    }
    throw error;
  }
}
