/**
 * Login timing: the cost of one password hash at the default cost, and whether a wrong pseudonym
 * and a wrong password take the same time (they must, or response time tells who has an account).
 * In-process with app.inject on embedded PGlite, rate limits off. `npm run bench -- login-timing`
 * (ROUNDS=… for more samples, PASSWORD_HASH_COST=… for another cost).
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../api/app';
import { loadConfig } from '../api/config';
import { connectDatabase } from '../api/db/connect';
import { migrateToLatest } from '../api/db/migrator';
import { hashSecret } from '../api/auth/passwords';

const ROUNDS = Number(process.env.ROUNDS ?? 30);
const COST = Number(process.env.PASSWORD_HASH_COST ?? 17);

interface Stats {
  mean: number;
  /** Standard error of the mean: a difference of means smaller than about twice this is noise. */
  sem: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, samples.length - 1);
  return {
    mean,
    sem: Math.sqrt(variance / samples.length),
    p50: at(0.5),
    p99: at(0.99),
    min: sorted[0]!,
    max: sorted.at(-1)!,
  };
}

const fmt = (s: Stats) =>
  `mean ${s.mean.toFixed(1)} ms (±${s.sem.toFixed(1)})  p50 ${s.p50.toFixed(1)}  p99 ${s.p99.toFixed(1)}  min ${s.min.toFixed(1)}  max ${s.max.toFixed(1)}`;

// 1. One hash at the configured cost, alone.
const params = { log2N: COST, r: 8, p: 1 };
await hashSecret('warm-up password', params);
const hashTimes: number[] = [];
for (let i = 0; i < 10; i += 1) {
  const start = performance.now();
  await hashSecret(`a password to hash ${i}`, params);
  hashTimes.push(performance.now() - start);
}
console.log(
  `scrypt N=2^${COST} r=8 p=1 (${((128 * 2 ** COST * 8) / 2 ** 20).toFixed(0)} MiB): ${fmt(stats(hashTimes))}`,
);

// 2. Login latency through the whole app.
const database = await connectDatabase({ databaseUrl: null, dataDir: 'memory://' });
await migrateToLatest(database.db);
const config = loadConfig(
  { NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off', LOG_LEVEL: 'silent' },
  { webDist: null, passwordHashCost: COST },
);
const app = await buildApp(config, { database });
await app.ready();
const password = 'the real password of a member';
const registered = await app.inject({
  method: 'POST',
  url: '/api/auth/register',
  payload: { pseudonym: 'TimingMember', password },
});
if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.body}`);

const cases = {
  'wrong pseudonym': { pseudonym: 'NobodyCalledThis', password },
  'wrong password': { pseudonym: 'TimingMember', password: 'not the right password' },
  success: { pseudonym: 'TimingMember', password },
} as const;
type Case = keyof typeof cases;
const expected: Record<Case, number> = { 'wrong pseudonym': 401, 'wrong password': 401, success: 200 };
const times: Record<Case, number[]> = { 'wrong pseudonym': [], 'wrong password': [], success: [] };

// Warm up every path once (the dummy hash, prepared statements), then interleave so drift hits all alike.
for (const name of Object.keys(cases) as Case[])
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: cases[name] });
const names = Object.keys(cases) as Case[];
for (let round = 0; round < ROUNDS; round += 1) {
  // Rotate who goes first each round, so whatever the previous request left behind (garbage to
  // collect, a cold cache) falls on every case alike.
  for (const name of names.map((_, i) => names[(i + round) % names.length]!)) {
    const start = performance.now();
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: cases[name] });
    times[name].push(performance.now() - start);
    if (response.statusCode !== expected[name])
      throw new Error(`${name}: ${response.statusCode} ${response.body}`);
  }
}

console.log(`login latency, ${ROUNDS} each, in-process on PGlite:`);
const results = Object.fromEntries(
  (Object.keys(times) as Case[]).map((name) => [name, stats(times[name])]),
) as Record<Case, Stats>;
for (const name of Object.keys(results) as Case[]) console.log(`  ${name.padEnd(16)} ${fmt(results[name])}`);
const a = results['wrong pseudonym'];
const b = results['wrong password'];
console.log(
  `  wrong pseudonym − wrong password: mean ${(a.mean - b.mean).toFixed(1)} ms (${(((a.mean - b.mean) / b.mean) * 100).toFixed(1)}%, ` +
    `standard error of the difference ${Math.hypot(a.sem, b.sem).toFixed(1)} ms), p50 ${(a.p50 - b.p50).toFixed(1)} ms`,
);
await app.close();
await database.close();
