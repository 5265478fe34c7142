/**
 * `npm run cli -- <command>`: operator tasks with the same configuration as the server.
 * Commands live in api/cli/ (one file each) and are listed here.
 */
import { ConfigError, loadConfig } from './config';
import { commands } from './cli/commands';

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : commands[name];

if (command === undefined) {
  console.error(`usage: npm run cli -- <command>\n\n${Object.entries(commands).map(([, c]) => `  ${c.usage.padEnd(44)} ${c.summary}`).join('\n')}`);
  process.exit(name === undefined || name === 'help' ? 0 : 2);
}

try {
  const config = loadConfig();
  process.exitCode = await command.run(config, args);
} catch (error) {
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : `error: ${(error as Error).message}`);
  process.exitCode = 1;
}
