/**
 * Reading at scale: seeds a dedicated PostgreSQL database with BENCH_POSTS posts (default
 * 1,000,000) in BENCH_POSTS/50 threads, and a 10,000-post one for comparison, then measures
 * requests/s and p99 with autocannon for a thread's first page, a deep page of a long thread, a
 * board list, and a bare Fastify route with the same first-page query on the same database.
 *
 *   npm run bench threads                 (both scales; ~5 minutes)
 *   BENCH_POSTS=100000 npm run bench threads
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=20  (per endpoint)
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { connectDatabase } from '../api/db/connect';
import { migrateToLatest } from '../api/db/migrator';
import { seedBoards } from '../api/db/seed';
import { threadPostsPage } from '../api/db/posts.repository';
import { boardThreadsPage } from '../api/db/threads.repository';
import type { Database } from '../api/db/schema';

/** Compiles the app's queries for EXPLAIN without a connection of its own. */
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const LARGE = Number(process.env.BENCH_POSTS ?? 1_000_000);
const root = new URL('..', import.meta.url).pathname;

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/**
 * Seeds with set-based SQL: accounts, threads spread over the boards, posts spread over the threads
 * (interleaved, as real replies are), and one long thread holding 5% of all posts for the deep page.
 * The search index is built after the rows, which is far faster than maintaining it row by row.
 */
async function seed(client: pg.Client, posts: number): Promise<{ threadId: string; longThreadId: string; boardSlug: string }> {
  const threads = Math.max(2, Math.round(posts / 50));
  const long = Math.round(posts * 0.05);
  await client.query(`drop index posts_search`);
  await client.query(`insert into accounts (pseudonym, password_hash, recovery_hash)
                      select 'bench' || g, 'x', 'x' from generate_series(1, 1000) g`);
  await client.query(
    `insert into threads (board_id, account_id, title, created_at, last_activity_at, reply_count, answered)
     select b.ids[1 + g % array_length(b.ids, 1)], 1 + g % 1000, 'Thread number ' || g,
            now() - make_interval(mins => $1 - g), now() - make_interval(secs => $1 - g), 49, g % 3 <> 0
     from generate_series(1, $1::int) g, (select array_agg(id order by id) as ids from boards) b`,
    [threads],
  );
  const sentences = [
    'Thank you for sharing this, you are not alone in feeling that way.',
    'Some nights are harder than others; I hope tomorrow is gentler for you.',
    'I went through something similar last year and talking about it helped.',
    'Sending you strength. Small steps still count as steps.',
  ];
  await client.query(
    `insert into posts (thread_id, account_id, is_opening, body_md, body_html, render_version, created_at)
     select case when g <= $2 then 1 else 2 + (g - $2 - 1) % ($3 - 1) end,
            1 + g % 1000,
            g = 1 or (g > $2 and g - $2 <= $3 - 1),
            ($4::text[])[1 + g % 4] || ' #' || g,
            '<p>' || ($4::text[])[1 + g % 4] || ' #' || g || '</p>\n',
            1,
            now() - make_interval(secs => $1 - g)
     from generate_series(1, $1::int) g`,
    [posts, long, threads, sentences],
  );
  await client.query(`create index posts_search on posts using gin (search) where status = 'published'`);
  await client.query('analyze');
  const middle = await client.query<{ id: string }>(`select t.id::text as id from threads t order by t.id offset $1 limit 1`, [Math.floor(threads / 2)]);
  const board = await client.query<{ slug: string }>(`select b.slug from boards b join threads t on t.board_id = b.id group by b.slug order by count(*) desc limit 1`);
  return { threadId: middle.rows[0]!.id, longThreadId: '1', boardSlug: board.rows[0]!.slug };
}

async function startServers(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/_threads-server.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const ports = JSON.parse(line) as { haven: number; bare: number };
  return {
    ...ports,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** EXPLAIN ANALYZE of the app's own compiled query. */
async function explain(client: pg.Client, query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  const result = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off, timing on) ${query.sql}`, [...query.parameters]);
  return result.rows.map((r) => `      ${r['QUERY PLAN']}`).join('\n');
}

async function runScale(posts: number): Promise<void> {
  const name = `haven_bench_threads_${posts}_${process.pid}`;
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = urlFor(name);
  try {
    const handle = await connectDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 1 });
    await migrateToLatest(handle.db);
    await seedBoards(handle.db);
    await handle.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const seedStarted = performance.now();
    const target = await seed(client, posts);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const longCount = await client.query<{ n: number; cursor: string }>(
      `select count(*)::int as n, (select p.id::text from posts p where p.thread_id = 1 order by p.id desc offset 20 limit 1) as cursor from posts where thread_id = 1`,
    );
    const deepAfter = longCount.rows[0]!.cursor;
    const deepCursor = Buffer.from(JSON.stringify(['p', deepAfter])).toString('base64url');
    console.log(`\n${posts.toLocaleString('en')} posts seeded in ${seedSeconds.toFixed(1)} s; long thread holds ${longCount.rows[0]!.n.toLocaleString('en')} posts`);

    const servers = await startServers(url);
    try {
      const haven = `http://127.0.0.1:${servers.haven}`;
      const endpoints: [string, string][] = [
        ['bare Fastify, same first-page query', `http://127.0.0.1:${servers.bare}/bare/threads/${target.threadId}`],
        ['GET /api/threads/:id (first page)', `${haven}/api/threads/${target.threadId}`],
        ['GET /api/threads/:long (first page)', `${haven}/api/threads/${target.longThreadId}`],
        ['GET /api/threads/:long/posts?cursor (deep)', `${haven}/api/threads/${target.longThreadId}/posts?cursor=${deepCursor}`],
        ['GET /api/threads/:long?cursor (deep)', `${haven}/api/threads/${target.longThreadId}?cursor=${deepCursor}`],
        ['GET /api/boards/:slug/threads (active)', `${haven}/api/boards/${target.boardSlug}/threads?sort=active`],
        ['GET /api/boards/:slug/threads (unanswered)', `${haven}/api/boards/${target.boardSlug}/threads?sort=unanswered`],
      ];
      for (const [, url] of endpoints) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      }
      // Warm every route first: the first requests through a route compile its serializers and JIT paths.
      for (const [, url] of endpoints) await autocannon({ url, connections: CONNECTIONS, duration: 2 });
      console.log(`  ${'endpoint'.padEnd(46)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`);
      for (const [label, url] of endpoints) {
        const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
        const bad = r.non2xx + r.errors > 0 ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : '';
        console.log(`  ${label.padEnd(46)} ${r.requests.average.toFixed(0).padStart(8)} ${String(r.latency.p50).padStart(7)} ${String(r.latency.p99).padStart(7)}${bad}`);
      }
    } finally {
      await servers.stop();
    }
    console.log('  plans (EXPLAIN ANALYZE):');
    const boardId = (await client.query<{ id: string }>('select id::text from boards where slug = $1', [target.boardSlug])).rows[0]!.id;
    const plans: [string, { sql: string; parameters: readonly unknown[] }][] = [
      ['first page, thread with interleaved posts', threadPostsPage(compiler, target.threadId, null, null, 20).compile()],
      ['deep page of the long thread', threadPostsPage(compiler, target.longThreadId, null, deepAfter, 20).compile()],
      ['board list, active', boardThreadsPage(compiler, boardId, 'active', null, 20).compile()],
    ];
    for (const [label, query] of plans) console.log(`    ${label}:\n${await explain(client, query)}`);
    await client.end();
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

const started = performance.now();
console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per endpoint; server and bench share ${(await import('node:os')).cpus().length} CPUs`);
for (const posts of [10_000, LARGE]) await runScale(posts);
console.log(`\nbench/threads took ${((performance.now() - started) / 1000).toFixed(0)} s`);
