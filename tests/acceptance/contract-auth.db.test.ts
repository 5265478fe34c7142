import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import {
  cookieFromSetCookie,
  clientFor,
  expectError,
  expectUser,
  newThread,
  register,
  reply,
  setCookieLine,
  uniqueName,
  veteran,
  expectPost,
  expectThread,
} from './contract-helpers';

describe(`contract: sessions and account on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  describe('POST /api/auth/register', () => {
    it('201 { user, csrfToken, recoveryCode } and a haven_session cookie (httpOnly, SameSite=Strict)', async () => {
      const pseudonym = uniqueName('Reg');
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym, password: 'a long enough password' } });
      expect(response.statusCode).toBe(201);
      expect(String(response.headers['content-type'])).toMatch(/application\/json/);
      const body = response.json();
      expectUser(body.user, pseudonym, 'member');
      expect(typeof body.csrfToken).toBe('string');
      expect(body.csrfToken.length).toBeGreaterThan(8);
      expect(typeof body.recoveryCode).toBe('string');
      expect(body.recoveryCode.length).toBeGreaterThan(8);
      const line = setCookieLine(response)!;
      expect(line).toBeDefined();
      expect(line).toMatch(/;\s*HttpOnly/i);
      expect(line).toMatch(/;\s*SameSite=Strict/i);
      expect(line.split(';')[0]!.split('=')[1]!.length).toBeGreaterThan(10);
    });

    it('the cookie authenticates GET /api/me → 200 { user, csrfToken }', async () => {
      const c = await register(t.app);
      const me = await t.app.inject({ url: '/api/me', headers: { cookie: c.cookie } });
      expect(me.statusCode).toBe(200);
      expectUser(me.json().user, c.pseudonym, 'member');
      expect(typeof me.json().csrfToken).toBe('string');
    });

    it('GET /api/me without a session → 401 error shape', async () => {
      expectError(await t.app.inject({ url: '/api/me' }), 401);
    });

    it('GET /api/me with a forged cookie → 401', async () => {
      expectError(await t.app.inject({ url: '/api/me', headers: { cookie: 'haven_session=not.a.token' } }), 401);
    });

    it.each([
      ['too short', 'ab'],
      ['too long', 'a'.repeat(33)],
      ['a space', 'has space'],
      ['a dot', 'has.dot'],
      ['a non-ASCII letter', 'caf\u00e9abc'],
    ])('refuses a pseudonym with %s (422)', async (_label, pseudonym) => {
      expectError(await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym, password: 'a long enough password' } }), 422);
    });

    it('accepts 3 and 32 characters of A-Z a-z 0-9 _ -', async () => {
      for (const pseudonym of [`a_${(process.pid % 10)}`, `Z-${'x'.repeat(27)}${process.pid % 100}`.slice(0, 32)]) {
        const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym, password: 'a long enough password' } });
        expect(response.statusCode, response.body).toBe(201);
      }
    });

    it('refuses a taken pseudonym ignoring case (409)', async () => {
      const c = await register(t.app);
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: c.pseudonym.toUpperCase(), password: 'a long enough password' } });
      expect([409, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
    });

    it.each(['admin', 'moderator', 'Admin'])('refuses the reserved word %s', async (pseudonym) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym, password: 'a long enough password' } });
      expect([409, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
    });

    it('password must be 10–200 characters', async () => {
      expectError(await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: uniqueName(), password: '123456789' } }), 422);
      expectError(await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: uniqueName(), password: 'x'.repeat(201) } }), 422);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: uniqueName(), password: '1234567890' } })).statusCode).toBe(201);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: uniqueName(), password: 'y'.repeat(200) } })).statusCode).toBe(201);
    });

    it('missing fields → 400 or 422 with the error shape', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: {} });
      expect([400, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
    });

    it('malformed JSON → 400', async () => {
      expectError(
        await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: '{"pseudonym":', headers: { 'content-type': 'application/json' } }),
        400,
      );
    });

    it('never asks for an e-mail: an extra email field is not required', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: uniqueName(), password: 'a long enough password' } });
      expect(response.statusCode).toBe(201);
      expect(JSON.stringify(response.json().user)).not.toMatch(/email|phone/i);
    });
  });

  describe('POST /api/auth/login', () => {
    it('200 { user, csrfToken } and sets the cookie', async () => {
      const c = await register(t.app);
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym, password: c.password } });
      expect(response.statusCode).toBe(200);
      expectUser(response.json().user, c.pseudonym);
      expect(typeof response.json().csrfToken).toBe('string');
      expect(response.json()).not.toHaveProperty('recoveryCode');
      const line = setCookieLine(response)!;
      expect(line).toMatch(/HttpOnly/i);
      expect(line).toMatch(/SameSite=Strict/i);
      const me = await t.app.inject({ url: '/api/me', headers: { cookie: cookieFromSetCookie(response) } });
      expect(me.statusCode).toBe(200);
    });

    it('logs in ignoring the case of the pseudonym', async () => {
      const c = await register(t.app);
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym.toUpperCase(), password: c.password } });
      expect(response.statusCode).toBe(200);
    });

    it('wrong pseudonym and wrong password give the same 401 body', async () => {
      const c = await register(t.app);
      const wrongPassword = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym, password: 'not the password at all' } });
      const wrongName = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: uniqueName('nobody'), password: 'not the password at all' } });
      expectError(wrongPassword, 401);
      expectError(wrongName, 401);
      expect(wrongPassword.body).toBe(wrongName.body);
    });
  });

  describe('POST /api/auth/recover', () => {
    it('200 { user, csrfToken, recoveryCode } with a new code; the old code and password stop working', async () => {
      const c = await register(t.app);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/recover',
        payload: { pseudonym: c.pseudonym, recoveryCode: c.recoveryCode, newPassword: 'a brand new password' },
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expectUser(body.user, c.pseudonym);
      expect(typeof body.csrfToken).toBe('string');
      expect(typeof body.recoveryCode).toBe('string');
      expect(body.recoveryCode).not.toBe(c.recoveryCode);
      expect(setCookieLine(response)).toMatch(/HttpOnly/i);
      expect(setCookieLine(response)).toMatch(/SameSite=Strict/i);

      const again = await t.app.inject({
        method: 'POST',
        url: '/api/auth/recover',
        payload: { pseudonym: c.pseudonym, recoveryCode: c.recoveryCode, newPassword: 'another new password' },
      });
      expect([401, 403, 422]).toContain(again.statusCode);
      expectError(again, again.statusCode);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym, password: c.password } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym, password: 'a brand new password' } })).statusCode).toBe(200);
    });

    it('a wrong code → 4xx error', async () => {
      const c = await register(t.app);
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/recover', payload: { pseudonym: c.pseudonym, recoveryCode: 'wrong-code-123', newPassword: 'a brand new password' } });
      expect([401, 403, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
    });
  });

  describe('CSRF', () => {
    it('a cookie-authenticated unsafe request without X-CSRF-Token → 403', async () => {
      const c = await veteran(t);
      const noHeader = await t.app.inject({ method: 'POST', url: '/api/boards/introductions/threads', headers: { cookie: c.cookie }, payload: { title: 'x', body: 'y' } });
      expectError(noHeader, 403);
      const wrongHeader = await t.app.inject({
        method: 'POST',
        url: '/api/boards/introductions/threads',
        headers: { cookie: c.cookie, 'x-csrf-token': 'wrong' },
        payload: { title: 'x', body: 'y' },
      });
      expectError(wrongHeader, 403);
      expectError(await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } }), 403);
      expectError(await t.app.inject({ method: 'DELETE', url: '/api/me', headers: { cookie: c.cookie }, payload: { password: c.password } }), 403);
      // The session still works afterwards: nothing happened.
      expect((await t.app.inject({ url: '/api/me', headers: { cookie: c.cookie } })).statusCode).toBe(200);
    });

    it('another session’s token is refused', async () => {
      const a = await veteran(t);
      const b = await veteran(t);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/boards/introductions/threads',
        headers: { cookie: a.cookie, 'x-csrf-token': b.csrfToken },
        payload: { title: 'x', body: 'y' },
      });
      expectError(response, 403);
    });

    it('signing in with a live session cookie in the jar needs no CSRF header (it is not authenticated by it)', async () => {
      const c = await register(t.app);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: c.cookie }, payload: { pseudonym: c.pseudonym, password: c.password } });
      expect(login.statusCode, login.body).toBe(200);
      const other = await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        headers: { cookie: c.cookie },
        payload: { pseudonym: uniqueName('jar'), password: 'a long enough password' },
      });
      expect(other.statusCode, other.body).toBe(201);
      const recover = await t.app.inject({
        method: 'POST',
        url: '/api/auth/recover',
        headers: { cookie: c.cookie },
        payload: { pseudonym: c.pseudonym, recoveryCode: c.recoveryCode, newPassword: 'a recovered password' },
      });
      expect(recover.statusCode, recover.body).toBe(200);
    });

    it('GET needs no CSRF header', async () => {
      const c = await register(t.app);
      expect((await t.app.inject({ url: '/api/notifications', headers: { cookie: c.cookie } })).statusCode).toBe(200);
    });

    it('GET /api/me returns the csrfToken that works', async () => {
      const c = await veteran(t);
      const token = (await t.app.inject({ url: '/api/me', headers: { cookie: c.cookie } })).json().csrfToken;
      const response = await clientFor(t.app, c.cookie, token)('POST', '/api/boards/introductions/threads', { title: 'csrf ok', body: 'body' });
      expect(response.statusCode).toBe(201);
    });
  });

  describe('logout', () => {
    it('POST /api/auth/logout → 204, the session ends', async () => {
      const c = await register(t.app);
      const response = await c.req('POST', '/api/auth/logout');
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expectError(await t.app.inject({ url: '/api/me', headers: { cookie: c.cookie } }), 401);
    });

    it('POST /api/auth/logout-everywhere → 204, every session ends', async () => {
      const c = await register(t.app);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym, password: c.password } });
      const second = cookieFromSetCookie(login);
      const response = await c.req('POST', '/api/auth/logout-everywhere');
      expect(response.statusCode).toBe(204);
      expectError(await t.app.inject({ url: '/api/me', headers: { cookie: c.cookie } }), 401);
      expectError(await t.app.inject({ url: '/api/me', headers: { cookie: second } }), 401);
    });

    it('logout without a session is harmless (204, or 401 not signed in)', async () => {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
      expect([204, 401]).toContain(response.statusCode);
      if (response.statusCode === 401) expectError(response, 401);
    });
  });

  describe('GET /api/me/export', () => {
    it('200 JSON with the account’s data (its posts included)', async () => {
      const c = await veteran(t);
      const { thread } = await newThread(c, { title: 'Export me', body: 'my exported words' });
      const response = await t.app.inject({ url: '/api/me/export', headers: { cookie: c.cookie } });
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['content-type'])).toMatch(/application\/json/);
      const text = response.body;
      expect(text).toContain(c.pseudonym);
      expect(text).toContain('my exported words');
      expect(thread.id).toBeTypeOf('string');
      expect(text).not.toMatch(/password_?hash|recovery_?hash/i);
    });

    it('401 without a session', async () => {
      expectError(await t.app.inject({ url: '/api/me/export' }), 401);
    });
  });

  describe('DELETE /api/me', () => {
    it('204; the account is gone and its posts show as deleted', async () => {
      const c = await veteran(t);
      const other = await veteran(t);
      const { thread, post } = await newThread(c, { title: 'Leaving soon', body: 'words that will go' });
      const { post: otherReply } = await reply(other, thread.id);
      const { post: myReply } = await reply(c, thread.id, { body: 'my reply that will go' });
      const response = await c.req('DELETE', '/api/me', { password: c.password });
      expect(response.statusCode, response.body).toBe(204);
      expect(response.body).toBe('');
      expectError(await t.app.inject({ url: '/api/me', headers: { cookie: c.cookie } }), 401);
      expectError(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym, password: c.password } }), 401);

      const view = await other.req('GET', `/api/threads/${thread.id}`);
      expect(view.statusCode).toBe(200);
      const items = view.json().items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
      const opening = items.find((p) => p.id === post.id)!;
      const mine = items.find((p) => p.id === myReply.id)!;
      for (const p of [opening, mine]) {
        expectPost(p);
        expect(p.status).toBe('deleted');
        expect(p.author.kind).toBe('deleted');
        expect(p.bodyHtml ?? '').not.toContain('words that will go');
        expect(p.bodyHtml ?? '').not.toContain('my reply that will go');
      }
      expect(view.body).not.toContain(c.pseudonym);
      expect(items.find((p) => p.id === otherReply.id)!.status).toBe('published');
    });

    it('wrong password → 4xx and nothing is deleted', async () => {
      const c = await register(t.app);
      const response = await c.req('DELETE', '/api/me', { password: 'not my password here' });
      expect([401, 403, 422]).toContain(response.statusCode);
      expectError(response, response.statusCode);
      expect((await t.app.inject({ url: '/api/me', headers: { cookie: c.cookie } })).statusCode).toBe(200);
    });

    it('the pseudonym is free again, or at least the account cannot sign in', async () => {
      const c = await register(t.app);
      expect((await c.req('DELETE', '/api/me', { password: c.password })).statusCode).toBe(204);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: c.pseudonym, password: c.password } });
      expectError(login, 401);
    });

    it('a deleted thread opener keeps the thread readable to others with its replies', async () => {
      const c = await veteran(t);
      const other = await veteran(t);
      const { thread } = await newThread(c);
      await reply(other, thread.id);
      expect((await c.req('DELETE', '/api/me', { password: c.password })).statusCode).toBe(204);
      const view = await other.req('GET', `/api/threads/${thread.id}`);
      expect(view.statusCode).toBe(200);
      expectThread(view.json().thread);
      expect(view.json().thread.author.kind).toBe('deleted');
    });
  });
});
