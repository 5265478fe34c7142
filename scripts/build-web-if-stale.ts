/**
 * `npm start` runs this first: it builds the web app when web/dist is missing or older than
 * any source file, so a fresh clone serves pages without a separate build step.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = new URL('../web/', import.meta.url).pathname;
const stamp = join(web, 'dist', 'index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(web, 'src')), statSync(join(web, 'index.html')).mtimeMs, statSync(join(web, 'vite.config.ts')).mtimeMs);
const markdownConfig = new URL('../api/markdown/', import.meta.url).pathname;
const latest = existsSync(markdownConfig) ? Math.max(sources, newest(markdownConfig)) : sources;

if (existsSync(stamp) && statSync(stamp).mtimeMs >= latest) {
  process.exit(0);
}
console.log('Building the web app (web/dist is missing or stale)…');
const result = spawnSync('npx', ['vite', 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
