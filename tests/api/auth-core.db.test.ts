import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember, sessionCookieFrom } from '../helpers/members';

describe(`sessions on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('registers, shows the member, signs out', async () => {
    const m = await newMember(t.app, { pseudonym: 'QuietRiver' });
    expect(m.recoveryCode).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
    const me = await m.request({ url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: { pseudonym: 'QuietRiver', role: 'member', createdAt: expect.any(String), suspendedUntil: null, suspensionReason: null }, csrfToken: m.csrfToken });
    expect((await m.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await m.request({ url: '/api/me' })).statusCode).toBe(401);
  });

  it('sets an httpOnly, SameSite=Strict session cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: 'CookieCheck', password: 'a long enough password' } });
    const cookie = response.cookies.find((c) => c.name === 'haven_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('answers a wrong pseudonym and a wrong password the same way', async () => {
    await newMember(t.app, { pseudonym: 'SameAnswer' });
    const wrongPassword = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: 'SameAnswer', password: 'not the right one' } });
    const wrongName = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: 'NobodyHere', password: 'not the right one' } });
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongName.statusCode).toBe(401);
    expect(wrongName.body).toBe(wrongPassword.body);
  });

  it('logs in ignoring the case of the pseudonym', async () => {
    await newMember(t.app, { pseudonym: 'CaseFree' });
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym: 'casefree', password: 'a long enough password' } });
    expect(response.statusCode).toBe(200);
    expect(sessionCookieFrom(response)).toMatch(/^haven_session=/);
  });

  it('refuses an unsafe request without the CSRF header', async () => {
    const m = await newMember(t.app);
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: m.cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
    expect((await m.request({ url: '/api/me' })).statusCode).toBe(200);
  });
});
