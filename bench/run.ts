/**
 * `npm run bench [-- name …]`: runs each benchmark in bench/ (or only those named, with or
 * without the .ts) in its own Node process, one after another, so one cannot skew the next.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort();
const wanted = process.argv.slice(2).map((a) => basename(a).replace(/\.ts$/, '') + '.ts');
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`no such benchmark: ${unknown.join(', ')} (have: ${available.join(', ')})`);
  process.exit(2);
}

let failed = 0;
for (const file of wanted.length > 0 ? wanted : available) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
