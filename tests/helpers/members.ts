import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../api/db/schema';

let counter = 0;

export interface TestMember {
  pseudonym: string;
  password: string;
  recoveryCode: string;
  cookie: string;
  csrfToken: string;
  /** Sends a request as this member: session cookie and CSRF header attached. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export function sessionCookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'haven_session');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return `haven_session=${cookie.value}`;
}

export function memberClient(app: FastifyInstance, cookie: string, csrfToken: string) {
  return (options: InjectOptions) =>
    app.inject({ ...options, headers: { cookie, 'x-csrf-token': csrfToken, ...options.headers } });
}

/** Registers a member through the API (and sets a role or account age straight in the database when asked). */
export async function newMember(
  app: FastifyInstance,
  options: { pseudonym?: string; role?: Role; ageDays?: number; password?: string } = {},
): Promise<TestMember> {
  counter += 1;
  const pseudonym = options.pseudonym ?? `member${process.pid % 10000}x${counter}`;
  const password = options.password ?? 'a long enough password';
  const response = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym, password } });
  if (response.statusCode !== 201) throw new Error(`register ${pseudonym}: ${response.statusCode} ${response.body}`);
  const body = response.json<{ csrfToken: string; recoveryCode: string }>();
  const db = app.db as Kysely<Database>;
  if (options.role && options.role !== 'member') {
    await db.updateTable('accounts').set({ role: options.role }).where(sql<string>`lower(pseudonym)`, '=', pseudonym.toLowerCase()).execute();
  }
  if (options.ageDays !== undefined) {
    await sql`update accounts set created_at = now() - make_interval(days => ${options.ageDays})
              where lower(pseudonym) = ${pseudonym.toLowerCase()}`.execute(db);
  }
  const cookie = sessionCookieFrom(response);
  return { pseudonym, password, recoveryCode: body.recoveryCode, cookie, csrfToken: body.csrfToken, request: memberClient(app, cookie, body.csrfToken) };
}
