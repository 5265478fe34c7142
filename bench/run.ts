/**
 * `npm run bench`: runs every bench/*.ts (except this runner) one after another, each in its own
 * process so one benchmark's memory and sockets never colour the next. `npm run bench -- sse`
 * runs only the files whose name contains "sse".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== bench/${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench/${file} failed (${result.status ?? result.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
