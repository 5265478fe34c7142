import { migrateToLatest } from '../db/migrator';
import { seedBoards } from '../db/seed';
import type { CliCommand } from './commands';
import { openDatabase } from './open-database';

export const migrateCommand: CliCommand = {
  usage: 'migrate',
  summary: 'apply pending migrations and seed the boards on an empty database',
  async run(config) {
    const handle = await openDatabase(config, 'migrate');
    try {
      const applied = await migrateToLatest(handle.db);
      const seeded = await seedBoards(handle.db);
      console.log(applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`);
      if (seeded > 0) console.log(`Seeded ${seeded} boards.`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};
