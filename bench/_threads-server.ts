/**
 * Child process for bench/threads.ts: the Haven app and a bare Fastify route on the same
 * database, each on its own port, so the two are measured under the same conditions.
 * Prints one JSON line {"haven": port, "bare": port} when both listen.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../api/app';
import { loadConfig } from '../api/config';

const databaseUrl = process.env.DATABASE_URL!;
const config = loadConfig(
  { NODE_ENV: 'production', DATABASE_URL: databaseUrl, HAVEN_RATE_LIMITS: 'off', LOG_LEVEL: 'silent', SESSION_SECRET: 'b'.repeat(40) },
  { webDist: null },
);
const haven = await buildApp(config);
await haven.listen({ port: 0, host: '127.0.0.1' });

// The baseline: no plugins, no auth hook, no schemas; one query for a thread's first 20 posts.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const bare = Fastify({ logger: false });
bare.get<{ Params: { id: string } }>('/bare/threads/:id', async (request) => {
  const result = await pool.query(
    'select id::text, body_html, created_at from posts where thread_id = $1 order by id limit 20',
    [request.params.id],
  );
  return { items: result.rows };
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (app: { server: { address(): unknown } }) => (app.server.address() as { port: number }).port;
console.log(JSON.stringify({ haven: port(haven), bare: port(bare) }));

process.on('SIGTERM', async () => {
  await Promise.all([haven.close(), bare.close()]);
  await pool.end();
  process.exit(0);
});
