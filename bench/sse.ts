/**
 * Live updates under load: one API process holds 2,000 idle SSE streams (loopback only); we
 * measure the time from publishing one event to each stream receiving it (p50/p99/max across
 * streams, over a few rounds) and the memory each idle stream costs the server.
 *
 * The server runs in a child process (with --expose-gc) so its memory is its own; the clients
 * run here. Embedded PGlite by default; BENCH_DATABASE_URL=postgres://… uses a server (and its
 * LISTEN/NOTIFY path) on a database you give it, already migrated or empty.
 * Stops by itself: every wait has a deadline, and the child is killed on the way out.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DEADLINE_MS = 120_000;

type ServerMessage =
  | { kind: 'ready'; port: number; engine: string }
  | { kind: 'memory'; rss: number; heapUsed: number; external: number; streams: number }
  | { kind: 'published'; at: string; done: string; threadId: string }
  | { kind: 'fanout'; ns: string };

type ParentMessage = { kind: 'memory' } | { kind: 'publish'; threadId: string } | { kind: 'mark-end' } | { kind: 'stop' };

// ---------------------------------------------------------------- server (child process)
async function server(): Promise<void> {
  const { buildApp } = await import('../api/app');
  const { loadConfig } = await import('../api/config');
  const { connectDatabase } = await import('../api/db/connect');
  const { migrateToLatest } = await import('../api/db/migrator');
  const url = process.env.BENCH_DATABASE_URL ?? null;
  const database = await connectDatabase({ databaseUrl: url, dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', HAVEN_RATE_LIMITS: 'off' },
    { webDist: null, liveMaxPerAddress: CONNECTIONS + 10, liveMaxConnections: CONNECTIONS + 10 },
  );
  const app = await buildApp(config, { database });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const send = (m: ServerMessage) => process.send!(m);
  const gc = (globalThis as { gc?: () => void }).gc;
  // Subscribers are called in the order they subscribed: this one runs before every stream's,
  // the one added by 'mark-end' after them all, so the two bracket the server's fan-out.
  let fanoutStart = 0n;
  app.events.subscribe(() => {
    fanoutStart = process.hrtime.bigint();
  });

  process.on('message', async (m: ParentMessage) => {
    if (m.kind === 'memory') {
      for (let i = 0; i < 3; i++) {
        gc?.();
        await new Promise((r) => setTimeout(r, 100));
      }
      const u = process.memoryUsage();
      send({ kind: 'memory', rss: u.rss, heapUsed: u.heapUsed, external: u.external, streams: app.events.subscriberCount });
    } else if (m.kind === 'publish') {
      const at = process.hrtime.bigint().toString();
      await app.events.publish({ type: 'post.created', threadId: m.threadId, postId: '1' });
      send({ kind: 'published', at, done: process.hrtime.bigint().toString(), threadId: m.threadId });
    } else if (m.kind === 'mark-end') {
      app.events.subscribe(() => send({ kind: 'fanout', ns: (process.hrtime.bigint() - fanoutStart).toString() }));
    } else if (m.kind === 'stop') {
      await app.close();
      await database.close();
      process.exit(0);
    }
  });
  send({ kind: 'ready', port: Number(new URL(address).port), engine: database.engine });
}

// ---------------------------------------------------------------- clients (this process)
function next<T extends ServerMessage['kind']>(child: ChildProcess, kind: T): Promise<Extract<ServerMessage, { kind: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${kind} from the server`)), 60_000);
    const on = (m: ServerMessage) => {
      if (m.kind !== kind) return;
      clearTimeout(timer);
      child.off('message', on);
      resolve(m as Extract<ServerMessage, { kind: T }>);
    };
    child.on('message', on);
  });
}

interface Stream {
  request: http.ClientRequest;
  /** hrtime when a data event for the thread arrived. */
  received: Map<string, bigint>;
}

function connect(port: number, threads: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const received = new Map<string, bigint>();
    const request = http.get({ host: '127.0.0.1', port, path: `/api/events?threads=${threads}`, agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream refused: ${response.statusCode}`));
        return;
      }
      response.setEncoding('utf8');
      let ready = false;
      response.on('data', (chunk: string) => {
        const now = process.hrtime.bigint();
        if (!ready && chunk.includes('event: ready')) {
          ready = true;
          resolve({ request, received });
        }
        for (const match of chunk.matchAll(/event: post\.created\ndata: \{"threadId":"(\d+)"/g)) received.set(match[1]!, now);
      });
    });
    request.on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (ns: bigint) => Number(ns) / 1e6;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench/sse: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();

  const child = fork(fileURLToPath(import.meta.url), ['--server'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  try {
    const { port, engine } = await next(child, 'ready');
    // Warm the route up so the first stream's compile cost is not counted as memory.
    const warm = await connect(port, '1');
    warm.request.destroy();
    await new Promise((r) => setTimeout(r, 200));

    child.send({ kind: 'memory' } satisfies ParentMessage);
    const before = await next(child, 'memory');

    const started = Date.now();
    const streams: Stream[] = [];
    const BATCH = 100;
    const rounds = Array.from({ length: ROUNDS }, (_, i) => String(1000 + i));
    for (let i = 0; i < CONNECTIONS; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, CONNECTIONS - i) }, () => connect(port, rounds.join(',')));
      streams.push(...(await Promise.all(batch)));
    }
    const connectMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 500));
    child.send({ kind: 'memory' } satisfies ParentMessage);
    const after = await next(child, 'memory');

    console.log(`engine: ${engine}; ${streams.length} idle SSE streams open in ${connectMs} ms (server holds ${after.streams})`);
    console.log(
      `memory per stream: RSS ${((after.rss - before.rss) / CONNECTIONS / 1024).toFixed(1)} KiB, ` +
        `heap ${((after.heapUsed - before.heapUsed) / CONNECTIONS / 1024).toFixed(1)} KiB ` +
        `(RSS ${mb(before.rss)} → ${mb(after.rss)} MiB, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MiB)`,
    );

    child.send({ kind: 'mark-end' } satisfies ParentMessage);
    const lastAll: number[] = [];
    for (const threadId of rounds) {
      child.send({ kind: 'publish', threadId } satisfies ParentMessage);
      const fanout = next(child, 'fanout');
      const { at, done } = await next(child, 'published');
      const t0 = BigInt(at);
      const waitUntil = Date.now() + 10_000;
      while (streams.some((s) => !s.received.has(threadId)) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 5));
      const got = streams.filter((s) => s.received.has(threadId));
      const latencies = got.map((s) => ms(s.received.get(threadId)! - t0)).sort((a, b) => a - b);
      lastAll.push(latencies.at(-1)!);
      const serverFanout = ms(BigInt((await fanout).ns));
      console.log(
        `event ${threadId}: reached ${got.length}/${streams.length} streams; ` +
          `publish() ${ms(BigInt(done) - t0).toFixed(1)} ms, server writes to all ${serverFanout.toFixed(1)} ms; p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, last ${latencies.at(-1)!.toFixed(1)} ms`,
      );
      if (got.length !== streams.length) throw new Error('an event did not reach every stream');
      await new Promise((r) => setTimeout(r, 200));
    }
    const sortedLast = [...lastAll].sort((a, b) => a - b);
    console.log(`publish → last of ${streams.length} streams, median over ${ROUNDS} rounds: ${percentile(sortedLast, 50).toFixed(1)} ms`);

    for (const s of streams) s.request.destroy();
    child.send({ kind: 'stop' } satisfies ParentMessage);
    await new Promise((r) => child.once('exit', r));
  } finally {
    kill();
  }
}

if (process.argv.includes('--server')) {
  await server();
} else {
  await main();
}
