/**
 * Black-box helpers for the contract suites: everything here speaks only HTTP as /work/shared/API.md
 * describes it (the session cookie taken from `set-cookie`, the CSRF token from the JSON body).
 * The one backdoor is SQL on the test database, for roles and account age.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/app';

let counter = 0;

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
export const KINDS = ['hug', 'relate', 'thanks', 'strength'] as const;
export const BOARD = 'introductions';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Client {
  pseudonym: string;
  password: string;
  recoveryCode: string;
  cookie: string;
  csrfToken: string;
  user: Json;
  /** A request with the session cookie and the CSRF header, as a browser client sends it. */
  req(method: Method, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** `haven_session=<value>` from a response's raw `set-cookie` header(s). */
export function cookieFromSetCookie(response: LightMyRequestResponse): string {
  const raw = response.headers['set-cookie'];
  const all = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const line = all.find((c) => c.startsWith('haven_session='));
  if (!line) throw new Error(`no haven_session cookie in ${response.statusCode} ${response.body}`);
  return line.split(';')[0]!;
}

export function setCookieLine(response: LightMyRequestResponse): string | undefined {
  const raw = response.headers['set-cookie'];
  const all = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return all.find((c) => c.startsWith('haven_session='));
}

export function clientFor(app: FastifyInstance, cookie: string, csrfToken: string) {
  return (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const options: InjectOptions = { method, url, headers: { cookie, 'x-csrf-token': csrfToken, ...headers } };
    if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
    return app.inject(options);
  };
}

export function uniqueName(prefix = 'm'): string {
  counter += 1;
  return `${prefix}${process.pid % 10000}_${counter}_${Math.floor(Math.random() * 1000)}`;
}

export async function register(app: FastifyInstance, pseudonym = uniqueName(), password = 'a long enough password'): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym, password } });
  if (response.statusCode !== 201) throw new Error(`register ${pseudonym}: ${response.statusCode} ${response.body}`);
  const body = response.json();
  const cookie = cookieFromSetCookie(response);
  return { pseudonym, password, recoveryCode: body.recoveryCode, cookie, csrfToken: body.csrfToken, user: body.user, req: clientFor(app, cookie, body.csrfToken) };
}

/** The test's backdoor: roles and account age straight in the database. */
export async function setRole(t: TestApp, pseudonym: string, role: 'member' | 'moderator' | 'admin'): Promise<void> {
  await sql`update accounts set role = ${role} where lower(pseudonym) = ${pseudonym.toLowerCase()}`.execute(t.database.db as Kysely<unknown>);
}

export async function age(t: TestApp, pseudonym: string, days: number): Promise<void> {
  await sql`update accounts set created_at = now() - make_interval(days => ${days}) where lower(pseudonym) = ${pseudonym.toLowerCase()}`.execute(
    t.database.db as Kysely<unknown>,
  );
}

/** A member old enough that no new-member rule holds their posts. */
export async function veteran(t: TestApp, role: 'member' | 'moderator' | 'admin' = 'member'): Promise<Client> {
  const c = await register(t.app);
  await age(t, c.pseudonym, 400);
  if (role !== 'member') await setRole(t, c.pseudonym, role);
  return c;
}

export function expectError(response: LightMyRequestResponse, status: number, code?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/application\/json/);
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.code).toBe('string');
  expect(body.error.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(response.body).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|\bselect\b.+\bfrom\b|\binsert into\b/i);
  if (code) expect(body.error.code).toBe(code);
}

export function expectIso(value: unknown): void {
  expect(typeof value, String(value)).toBe('string');
  expect(value).toMatch(ISO_UTC);
  expect(Number.isNaN(Date.parse(value as string))).toBe(false);
}

export function expectIsoOrNull(value: unknown): void {
  if (value !== null) expectIso(value);
}

export function expectUser(user: Json, pseudonym?: string, role?: string): void {
  expect(user).toEqual(expect.objectContaining({ pseudonym: expect.any(String), role: expect.any(String) }));
  expect(['member', 'moderator', 'admin']).toContain(user.role);
  expectIso(user.createdAt);
  if (pseudonym) expect(user.pseudonym).toBe(pseudonym);
  if (role) expect(user.role).toBe(role);
  expect(user).not.toHaveProperty('passwordHash');
  expect(user).not.toHaveProperty('password_hash');
  expect(user).not.toHaveProperty('recoveryHash');
}

export function expectAuthor(author: Json): void {
  expect(author).toEqual(expect.objectContaining({ name: expect.any(String), kind: expect.any(String), isOriginalPoster: expect.any(Boolean) }));
  expect(['member', 'alias', 'deleted']).toContain(author.kind);
  expect(author).toHaveProperty('role');
  if (author.role !== null) expect(['member', 'moderator', 'admin']).toContain(author.role);
}

export function expectBoard(board: Json): void {
  expect(typeof board.slug).toBe('string');
  expect(typeof board.name).toBe('string');
  expect(typeof board.description).toBe('string');
  expect(typeof board.threadCount).toBe('number');
  expectIsoOrNull(board.lastActivityAt);
}

export function expectThread(thread: Json): void {
  for (const key of ['id', 'board', 'title', 'author', 'contentWarning', 'status', 'createdAt', 'lastActivityAt', 'replyCount']) {
    expect(thread, `thread.${key}`).toHaveProperty(key);
  }
  expect(typeof thread.id).toBe('string');
  expect(typeof thread.board.slug).toBe('string');
  expect(typeof thread.board.name).toBe('string');
  expect(typeof thread.title).toBe('string');
  expectAuthor(thread.author);
  expect(thread.contentWarning === null || typeof thread.contentWarning === 'string').toBe(true);
  expect(['published', 'pending', 'hidden', 'removed', 'deleted']).toContain(thread.status);
  expectIso(thread.createdAt);
  expectIso(thread.lastActivityAt);
  expect(Number.isInteger(thread.replyCount)).toBe(true);
}

export function expectReactions(reactions: Json): void {
  expect(Object.keys(reactions).sort()).toEqual([...KINDS].sort());
  for (const kind of KINDS) expect(Number.isInteger(reactions[kind])).toBe(true);
}

export function expectPost(post: Json): void {
  for (const key of ['id', 'threadId', 'author', 'bodyHtml', 'contentWarning', 'status', 'createdAt', 'editedAt', 'reactions', 'myReactions', 'mine']) {
    expect(post, `post.${key}`).toHaveProperty(key);
  }
  expect(typeof post.id).toBe('string');
  expect(typeof post.threadId).toBe('string');
  expectAuthor(post.author);
  expect(post.bodyHtml === null || typeof post.bodyHtml === 'string').toBe(true);
  expect(post.contentWarning === null || typeof post.contentWarning === 'string').toBe(true);
  expect(['published', 'pending', 'hidden', 'removed', 'deleted']).toContain(post.status);
  expectIso(post.createdAt);
  expectIsoOrNull(post.editedAt);
  expectReactions(post.reactions);
  expect(Array.isArray(post.myReactions)).toBe(true);
  for (const kind of post.myReactions) expect(KINDS).toContain(kind);
  expect(typeof post.mine).toBe('boolean');
}

export function expectList(body: Json): void {
  expect(Array.isArray(body.items)).toBe(true);
  expect(body).toHaveProperty('nextCursor');
  expect(body.nextCursor === null || typeof body.nextCursor === 'string').toBe(true);
}

export function expectCrisis(crisis: Json | null): void {
  expect(crisis).not.toBeNull();
  expect(Array.isArray(crisis!.resources)).toBe(true);
  expect(crisis!.resources.length).toBeGreaterThan(0);
  for (const r of crisis!.resources) {
    expect(typeof r.name).toBe('string');
    expect(typeof r.contact).toBe('string');
    expect(typeof r.url).toBe('string');
  }
}

export async function newThread(
  c: Client,
  fields: Json = {},
  board = BOARD,
): Promise<{ thread: Json; post: Json; crisis: Json | null }> {
  const response = await c.req('POST', `/api/boards/${board}/threads`, { title: uniqueName('Title '), body: 'Hello, this is my story.', ...fields });
  if (response.statusCode !== 201) throw new Error(`new thread: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function reply(c: Client, threadId: string, fields: Json = {}): Promise<{ post: Json; crisis: Json | null }> {
  const response = await c.req('POST', `/api/threads/${threadId}/posts`, { body: 'I hear you, and you are not alone.', ...fields });
  if (response.statusCode !== 201) throw new Error(`reply: ${response.statusCode} ${response.body}`);
  return response.json();
}

export const CRISIS_TEXT = 'I want to kill myself. I just want to die tonight.';
