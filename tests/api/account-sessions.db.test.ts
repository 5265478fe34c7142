import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { memberClient, newMember, sessionCookieFrom } from '../helpers/members';
import { accountIdOf } from '../helpers/rows';
import { hashSecret } from '../../api/auth/passwords';

const NEW_PASSWORD = 'a brand new passphrase';

describe(`recovery and ending sessions on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const recover = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/recover', payload });
  const login = (pseudonym: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { pseudonym, password } });
  const sessionsOf = async (pseudonym: string) => {
    const id = await accountIdOf(t.database.db, pseudonym);
    return t.database.db.selectFrom('sessions').select('id').where('account_id', '=', id).execute();
  };

  it('recovers an account with its code: new password, new code, a fresh session', async () => {
    const m = await newMember(t.app, { pseudonym: 'LostKey' });
    const response = await recover({
      pseudonym: 'LostKey',
      recoveryCode: m.recoveryCode,
      newPassword: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ user: { pseudonym: string }; csrfToken: string; recoveryCode: string }>();
    expect(body.user).toMatchObject({ pseudonym: 'LostKey', role: 'member' });
    expect(body.recoveryCode).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
    expect(body.recoveryCode).not.toBe(m.recoveryCode);
    expect(response.headers['cache-control']).toBe('no-store');

    const fresh = memberClient(t.app, sessionCookieFrom(response), body.csrfToken);
    expect((await fresh({ url: '/api/me' })).statusCode).toBe(200);
    expect((await login('LostKey', NEW_PASSWORD)).statusCode).toBe(200);
    expect((await login('LostKey', m.password)).statusCode).toBe(401);
  });

  it('ends every other session on recovery, so a stolen cookie stops working', async () => {
    const m = await newMember(t.app, { pseudonym: 'StolenCookie' });
    const other = await login('StolenCookie', m.password);
    const otherClient = memberClient(
      t.app,
      sessionCookieFrom(other),
      other.json<{ csrfToken: string }>().csrfToken,
    );
    const response = await recover({
      pseudonym: 'StolenCookie',
      recoveryCode: m.recoveryCode,
      newPassword: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    expect((await m.request({ url: '/api/me' })).statusCode).toBe(401);
    expect((await otherClient({ url: '/api/me' })).statusCode).toBe(401);
    expect(await sessionsOf('StolenCookie')).toHaveLength(1);
  });

  it('accepts the code however it is typed, and only once', async () => {
    const m = await newMember(t.app, { pseudonym: 'SloppyTyper' });
    const typed = ` ${m.recoveryCode.toLowerCase().replace(/-/g, ' ')} `;
    expect(
      (await recover({ pseudonym: 'sloppytyper', recoveryCode: typed, newPassword: NEW_PASSWORD }))
        .statusCode,
    ).toBe(200);
    const again = await recover({
      pseudonym: 'SloppyTyper',
      recoveryCode: m.recoveryCode,
      newPassword: 'yet another passphrase',
    });
    expect(again.statusCode).toBe(401);
  });

  it('lets exactly one of two racing requests use the same code', async () => {
    const m = await newMember(t.app, { pseudonym: 'RacingCode' });
    const results = await Promise.all([
      recover({
        pseudonym: 'RacingCode',
        recoveryCode: m.recoveryCode,
        newPassword: 'first racing passphrase',
      }),
      recover({
        pseudonym: 'RacingCode',
        recoveryCode: m.recoveryCode,
        newPassword: 'second racing passphrase',
      }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('answers a wrong pseudonym and a wrong code the same way', async () => {
    const m = await newMember(t.app, { pseudonym: 'RightName' });
    const wrongCode = await recover({
      pseudonym: 'RightName',
      recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE',
      newPassword: NEW_PASSWORD,
    });
    const wrongName = await recover({
      pseudonym: 'NoSuchName',
      recoveryCode: m.recoveryCode,
      newPassword: NEW_PASSWORD,
    });
    const malformedName = await recover({
      pseudonym: "x' or 1=1 --",
      recoveryCode: m.recoveryCode,
      newPassword: NEW_PASSWORD,
    });
    expect(wrongCode.statusCode).toBe(401);
    expect(wrongName.body).toBe(wrongCode.body);
    expect(malformedName.body).toBe(wrongCode.body);
    expect(wrongCode.json()).toEqual({ error: { code: 'invalid_recovery', message: expect.any(String) } });
    expect((await login('RightName', m.password)).statusCode).toBe(200);
  });

  it('refuses a new password that breaks the rules, changing nothing', async () => {
    const m = await newMember(t.app, { pseudonym: 'ShortNew' });
    const response = await recover({
      pseudonym: 'ShortNew',
      recoveryCode: m.recoveryCode,
      newPassword: 'short',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('invalid_password');
    expect((await login('ShortNew', m.password)).statusCode).toBe(200);
    expect((await m.request({ url: '/api/me' })).statusCode).toBe(200);
  });

  it.each([
    ['a missing field', { pseudonym: 'Anyone', newPassword: NEW_PASSWORD }, 400],
    ['a number for the code', { pseudonym: 'Anyone', recoveryCode: 12345, newPassword: NEW_PASSWORD }, 400],
    [
      'an oversized code',
      { pseudonym: 'Anyone', recoveryCode: 'A'.repeat(5000), newPassword: NEW_PASSWORD },
      422,
    ],
    [
      'a NUL byte in the pseudonym',
      { pseudonym: 'Any\u0000one', recoveryCode: 'AAAAA', newPassword: NEW_PASSWORD },
      401,
    ],
    [
      'bidi characters in the code',
      { pseudonym: 'Anyone', recoveryCode: '\u202eAAAAA\u2066', newPassword: NEW_PASSWORD },
      401,
    ],
    [
      'HTML in the pseudonym',
      { pseudonym: '<script>alert(1)</script>', recoveryCode: 'AAAAA', newPassword: NEW_PASSWORD },
      401,
    ],
    [
      'a NUL byte in the new password',
      { pseudonym: 'Anyone', recoveryCode: 'AAAAA', newPassword: 'long enough\u0000password' },
      422,
    ],
  ])('answers %s with a 4xx in the contract shape', async (_name, payload, status) => {
    const response = await recover(payload);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('moves a password hash to the configured cost at the next sign-in', async () => {
    const m = await newMember(t.app, { pseudonym: 'OldHash' });
    const old = await hashSecret(m.password, { log2N: 9, r: 8, p: 1 });
    await t.database.db
      .updateTable('accounts')
      .set({ password_hash: old })
      .where('pseudonym', '=', 'OldHash')
      .execute();
    expect((await login('OldHash', m.password)).statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('pseudonym', '=', 'OldHash')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$10\$8\$1\$/);
    expect((await login('OldHash', m.password)).statusCode).toBe(200);
    expect((await login('OldHash', 'not the password')).statusCode).toBe(401);
  });

  it('signs out every device with logout-everywhere: a stolen token gets 401 on its next request', async () => {
    const m = await newMember(t.app, { pseudonym: 'ManyDevices' });
    const phone = await login('ManyDevices', m.password);
    const thief = memberClient(
      t.app,
      sessionCookieFrom(phone),
      phone.json<{ csrfToken: string }>().csrfToken,
    );
    expect((await thief({ url: '/api/me' })).statusCode).toBe(200);

    const response = await m.request({ method: 'POST', url: '/api/auth/logout-everywhere' });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'haven_session')?.value).toBe('');
    expect((await thief({ url: '/api/me' })).statusCode).toBe(401);
    expect((await thief({ method: 'POST', url: '/api/auth/logout-everywhere' })).statusCode).toBe(401);
    expect((await m.request({ url: '/api/me' })).statusCode).toBe(401);
    expect(await sessionsOf('ManyDevices')).toHaveLength(0);
    // The password still works: signing out is not locking out.
    expect((await login('ManyDevices', m.password)).statusCode).toBe(200);
  });

  it('does nothing for a cross-site request without the CSRF header', async () => {
    const m = await newMember(t.app, { pseudonym: 'CrossSite' });
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: m.cookie, origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_failed');
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: m.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrongToken.statusCode).toBe(403);
    expect(await sessionsOf('CrossSite')).toHaveLength(1);
    expect((await m.request({ url: '/api/me' })).statusCode).toBe(200);
  });

  it('does not accept one session’s CSRF token for another session', async () => {
    const a = await newMember(t.app, { pseudonym: 'TokenOwner' });
    const b = await newMember(t.app, { pseudonym: 'TokenBorrower' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: b.cookie, 'x-csrf-token': a.csrfToken },
    });
    expect(response.statusCode).toBe(403);
    expect(await sessionsOf('TokenBorrower')).toHaveLength(1);
  });

  it('needs a session for logout-everywhere', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });
});
