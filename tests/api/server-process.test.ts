import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'haven-server-test-'));

function startServer(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', LOG_LEVEL: 'info', WEB_DIST: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function waitHealthy(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not become healthy');
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

describe('the server process', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves boards on the embedded database, shuts down cleanly on SIGTERM, and starts again on the same data', async () => {
    for (const port of [39411, 39412]) {
      const { child, output } = startServer({ PORT: String(port), DATA_DIR: dataDir });
      await waitHealthy(port);
      const boards = (await (await fetch(`http://127.0.0.1:${port}/api/boards`)).json()) as { items: unknown[] };
      expect(boards.items).toHaveLength(6);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const done = exited(child);
      child.kill('SIGTERM');
      expect(await done).toBe(0);
      expect(output()).toMatch(/SIGTERM received, shutting down/);
      // The client address never reaches the log.
      expect(output()).not.toMatch(/127\.0\.0\.1"|remoteAddress/);
    }
  });

  it('refuses to start in production without a session secret, and says why', async () => {
    const { child, output } = startServer({ PORT: '39413', DATA_DIR: dataDir, NODE_ENV: 'production' });
    expect(await exited(child)).toBe(1);
    expect(output()).toMatch(/SESSION_SECRET is required/);
  });
});
