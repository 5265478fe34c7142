import { AppError } from '../errors';
import { changeRole, isRole, ROLES } from '../services/roles.service';
import type { CliCommand } from './commands';
import { openDatabase } from './open-database';

/**
 * Sets a member's role from the command line: how the first admin is made. On PostgreSQL it
 * works while the server runs (the role is read from the database on each request, so it holds
 * from the member's next request); the embedded database must be stopped first.
 */
export const roleCommand: CliCommand = {
  usage: `role <pseudonym> <${ROLES.join('|')}>`,
  summary: "set a member's role (written to the moderation log as 'cli')",
  async run(config, args) {
    const [pseudonym, role] = args;
    if (pseudonym === undefined || role === undefined || args.length !== 2 || !isRole(role)) {
      console.error(`usage: npm run cli -- ${roleCommand.usage}`);
      return 2;
    }
    const handle = await openDatabase(config, 'role');
    try {
      const user = await changeRole(
        handle.db,
        pseudonym,
        role,
        { id: null, name: 'cli' },
        { keepOneAdmin: false },
      );
      console.log(`${user.pseudonym} is now ${user.role}.`);
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 404) {
        console.error(`There is no member called "${pseudonym}".`);
        return 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
