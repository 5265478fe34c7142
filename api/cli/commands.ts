import type { Config } from '../config';
import { migrateCommand } from './migrate';
import { rerenderCommand } from './rerender';

export interface CliCommand {
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(config: Config, args: string[]): Promise<number>;
}

export const commands: Record<string, CliCommand> = {
  migrate: migrateCommand,
  rerender: rerenderCommand,
};
