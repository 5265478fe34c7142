import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../helpers/database';
import { buildTestApp, type TestApp } from '../helpers/app';
import { newMember } from '../helpers/members';
import { countAccounts } from '../helpers/rows';

const PASSWORD = 'a long enough password';

describe(`registration and login against hostile input on ${ENGINE}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await newMember(t.app, { pseudonym: 'QuietRiver' });
  });
  afterAll(() => t.close());

  const register = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/register', payload: payload as string, headers });

  async function expectRefused(
    payload: unknown,
    status: number | number[],
    headers: Record<string, string> = {},
  ) {
    const before = await countAccounts(t.database.db);
    const response = await register(payload, headers);
    expect([status].flat()).toContain(response.statusCode);
    expect(response.json()).toEqual({
      error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) },
    });
    expect(response.body).not.toMatch(/select|insert|postgres|stack|\.ts:\d/i);
    expect(response.cookies.find((c) => c.name === 'haven_session')).toBeUndefined();
    expect(await countAccounts(t.database.db)).toBe(before);
    return response;
  }

  it.each([
    ['Cyrillic а in "admin"', 'аdmin'],
    ['Cyrillic letters passing as an existing member', 'QuietRivеr'],
    ['full-width letters', 'ＱｕｉｅｔＲｉｖｅｒ'],
    ['a zero-width joiner', 'Quiet\u200dRiver'],
    ['a zero-width space', 'Quiet\u200bRiver2'],
    ['a right-to-left override', 'Quiet\u202eRiver3'],
    ['a bidi isolate', '\u2066QuietRiver4\u2069'],
    ['a NUL byte', 'Quiet\u0000River5'],
    ['a control character', 'Quiet\u0007River6'],
    ['a newline', 'QuietRiver7\n'],
    ['a space', 'Quiet River8'],
    ['an emoji', 'QuietRiver🌊'],
    ['SQL', "x'; drop table accounts; --"],
    ['more SQL', "' or '1'='1"],
    ['HTML', '<script>alert(1)</script>'],
    ['an HTML entity', 'a&amp;b'],
    ['too short', 'ab'],
    ['too long', 'a'.repeat(33)],
    ['empty', ''],
  ])('refuses a pseudonym with %s as invalid', async (_name, pseudonym) => {
    const response = await expectRefused({ pseudonym, password: PASSWORD }, 422);
    expect(response.json().error.code).toBe('invalid_pseudonym');
  });

  it.each([
    'admin',
    'ADMIN',
    'ADM1N',
    'Admin_',
    '_admin-',
    'm0derator',
    'Moderat0r',
    'MODERATOR',
    'haven',
    'H4ven',
    'system',
    'deleted',
    'De1eted',
    'anonymous',
    'AdminTeam',
    'HavenStaff',
    'official_haven',
  ])('refuses the reserved name or look-alike %s', async (pseudonym) => {
    const response = await expectRefused({ pseudonym, password: PASSWORD }, 422);
    expect(response.json().error.code).toBe('pseudonym_reserved');
  });

  it.each([
    'quietriver',
    'QUIETRIVER',
    'Qu1etRiver',
    'QuietR1ver',
    'Quiet_River',
    'quiet-river',
    'QUlETRlVER',
  ])('says only "taken" for %s, a case or look-alike variant of an existing member', async (pseudonym) => {
    const response = await expectRefused({ pseudonym, password: PASSWORD }, 409);
    expect(response.json()).toEqual({
      error: { code: 'pseudonym_taken', message: 'That pseudonym is taken. Please choose another.' },
    });
  });

  it.each([
    ['a missing password', { pseudonym: 'Fine_Name' }, 400],
    ['a missing pseudonym', { password: PASSWORD }, 400],
    ['a number for a pseudonym', { pseudonym: 12345, password: PASSWORD }, 400],
    ['an array for a password', { pseudonym: 'Fine_Name', password: [PASSWORD] }, 400],
    ['null fields', { pseudonym: null, password: null }, 400],
    ['an object for a pseudonym', { pseudonym: { $ne: '' }, password: PASSWORD }, 400],
    ['a JSON array body', [{ pseudonym: 'Fine_Name', password: PASSWORD }], 400],
    ['a short password', { pseudonym: 'Fine_Name', password: 'short' }, 422],
    ['a 201-character password', { pseudonym: 'Fine_Name', password: 'p'.repeat(201) }, 422],
    ['an oversized password', { pseudonym: 'Fine_Name', password: 'p'.repeat(100_000) }, 422],
    ['an oversized pseudonym', { pseudonym: 'a'.repeat(100_000), password: PASSWORD }, 422],
    ['a NUL byte in the password', { pseudonym: 'Fine_Name', password: 'long enough\u0000password' }, 422],
  ])('refuses %s in the contract shape', async (_name, payload, status) => {
    await expectRefused(payload, status);
  });

  it('refuses bodies that are not JSON objects', async () => {
    await expectRefused('{"pseudonym": "Fine_Name", "password": ', 400, {
      'content-type': 'application/json',
    });
    await expectRefused('pseudonym=Fine_Name&password=whatever12345', [400, 415], {
      'content-type': 'application/x-www-form-urlencoded',
    });
    await expectRefused(JSON.stringify({ pseudonym: 'Fine_Name', password: 'x'.repeat(300_000) }), 413, {
      'content-type': 'application/json',
    });
  });

  it('takes SQL and HTML in a password as just a password', async () => {
    const password = `'; drop table accounts; -- <img src=x onerror=alert(1)>`;
    const response = await register({ pseudonym: 'OddPassword', password });
    expect(response.statusCode).toBe(201);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { pseudonym: 'OddPassword', password },
    });
    expect(login.statusCode).toBe(200);
    // Control and bidi characters are legitimate in a passphrase; they are hashed, never shown.
    const bidi = await register({ pseudonym: 'BidiPassword', password: 'pass\u202eword\u0007 ok' });
    expect(bidi.statusCode).toBe(201);
  });

  it.each([
    ['SQL in the pseudonym', { pseudonym: "' or 1=1 --", password: PASSWORD }, 401],
    ['a NUL byte in the pseudonym', { pseudonym: 'Quiet\u0000River', password: PASSWORD }, 401],
    ['Cyrillic look-alike of a member', { pseudonym: 'QuietRivеr', password: PASSWORD }, 401],
    ['bidi characters in the pseudonym', { pseudonym: '\u202eQuietRiver', password: PASSWORD }, 401],
    [
      'the right password with a trailing NUL',
      { pseudonym: 'QuietRiver', password: `${PASSWORD}\u0000` },
      401,
    ],
    ['an oversized pseudonym', { pseudonym: 'a'.repeat(5000), password: PASSWORD }, 422],
    ['a number for a password', { pseudonym: 'QuietRiver', password: 1234567890 }, 400],
  ])('answers a login with %s in the contract shape, never 5xx', async (_name, payload, status) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    if (status === 401) expect(response.json().error.code).toBe('invalid_credentials');
  });
});
