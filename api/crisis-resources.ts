import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CrisisResource {
  readonly name: string;
  readonly contact: string;
  readonly url: string;
}

/** Read once at boot from `config/crisis-resources.json`, so communities can list their own lines. */
export function loadCrisisResources(configDir: string): readonly CrisisResource[] {
  const file = join(configDir, 'crisis-resources.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read crisis resources from ${file}: ${(error as Error).message}`, { cause: error });
  }
  const list = (parsed as { resources?: unknown }).resources;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file} must hold a non-empty "resources" list`);
  return Object.freeze(
    list.map((entry: unknown, index) => {
      const r = entry as Record<string, unknown>;
      for (const field of ['name', 'contact', 'url'] as const) {
        if (typeof r[field] !== 'string' || r[field] === '') {
          throw new Error(`${file}: resources[${index}].${field} must be a non-empty string`);
        }
      }
      if (!/^https:\/\//.test(r.url as string)) throw new Error(`${file}: resources[${index}].url must be https`);
      return Object.freeze({ name: r.name as string, contact: r.contact as string, url: r.url as string });
    }),
  );
}
