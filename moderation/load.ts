import { readFileSync } from 'node:fs';
import { ModerationConfigError, parseModerationConfig, type ModerationConfig } from './config';

/**
 * Reads and validates the rules file once at boot (the API passes `join(config.configDir,
 * 'moderation-rules.json')`). Kept apart from config.ts so the parser stays free of the filesystem.
 * A missing file means defaults; an unreadable or malformed one stops the boot with its name.
 */
export function loadModerationConfig(file: string): ModerationConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return parseModerationConfig({});
    throw new ModerationConfigError(
      `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ModerationConfigError(
      `${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return parseModerationConfig(raw, file);
}
