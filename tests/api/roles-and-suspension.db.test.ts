import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import { ENGINE, createTestDatabase, type TestDatabase } from '../helpers/database';
import { newMember, type TestMember } from '../helpers/members';
import { seedBoards } from '../../api/db/seed';

describe(`roles and suspension on ${ENGINE}`, () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedBoards(database.db);
    const config = loadConfig(
      { NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off' },
      { webDist: null, passwordHashCost: 10 },
    );
    app = await buildApp(config, { database });
    // Posting, reacting and flagging routes use this guard; a tiny route stands in for them here.
    app.post('/api/test/guarded-write', { preHandler: app.requireActiveMember }, async () => ({ ok: true }));
    app.get('/api/test/moderators-only', { preHandler: app.requireRole('moderator') }, async () => ({
      ok: true,
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const setRole = (admin: TestMember, pseudonym: string, body: unknown) =>
    admin.request({
      method: 'POST',
      url: `/api/admin/users/${encodeURIComponent(pseudonym)}/role`,
      payload: body as Record<string, unknown>,
    });
  const logRows = () =>
    database.db.selectFrom('moderation_log').selectAll().where('action', '=', 'role').orderBy('id').execute();

  it('lets an admin change a role, which holds from the very next request, and logs it', async () => {
    const admin = await newMember(app, { pseudonym: 'HeadAdmin', role: 'admin' });
    const m = await newMember(app, { pseudonym: 'SoonModerator' });
    expect((await m.request({ url: '/api/test/moderators-only' })).statusCode).toBe(403);

    const response = await setRole(admin, 'soonmoderator', { role: 'moderator' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      user: expect.objectContaining({
        pseudonym: 'SoonModerator',
        role: 'moderator',
        createdAt: expect.any(String),
      }),
    });

    // Same cookie, no new sign-in: the role is read from the database on each request.
    expect((await m.request({ url: '/api/test/moderators-only' })).statusCode).toBe(200);
    expect((await m.request({ url: '/api/me' })).json().user.role).toBe('moderator');
    expect(await logRows()).toEqual([
      expect.objectContaining({
        actor_name: 'HeadAdmin',
        action: 'role',
        subject: 'SoonModerator: member -> moderator',
      }),
    ]);

    expect((await setRole(admin, 'SoonModerator', { role: 'member' })).statusCode).toBe(200);
    expect((await m.request({ url: '/api/test/moderators-only' })).statusCode).toBe(403);
  });

  it('refuses role changes from members and moderators, and without a session', async () => {
    const mod = await newMember(app, { role: 'moderator' });
    const m = await newMember(app);
    const target = await newMember(app);
    const before = (await logRows()).length;
    expect((await setRole(mod, target.pseudonym, { role: 'admin' })).statusCode).toBe(403);
    expect((await setRole(m, m.pseudonym, { role: 'admin' })).statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${target.pseudonym}/role`,
      payload: { role: 'admin' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await m.request({ url: '/api/me' })).json().user.role).toBe('member');
    expect((await logRows()).length).toBe(before);
  });

  it('refuses a cross-site role change without the CSRF header', async () => {
    const admin = await newMember(app, { role: 'admin' });
    const target = await newMember(app);
    const response = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${target.pseudonym}/role`,
      headers: { cookie: admin.cookie },
      payload: { role: 'admin' },
    });
    expect(response.statusCode).toBe(403);
    expect((await target.request({ url: '/api/me' })).json().user.role).toBe('member');
  });

  it.each([
    ['an unknown pseudonym', 'NobodyByThatName', { role: 'moderator' }, 404],
    ['SQL in the pseudonym', "x' or '1'='1", { role: 'moderator' }, 404],
    ['a NUL byte in the pseudonym', 'Some\u0000one', { role: 'moderator' }, 404],
    ['HTML in the pseudonym', '<b>x</b>', { role: 'moderator' }, 404],
    ['an unknown role', 'TargetOfOdd', { role: 'superuser' }, 400],
    ['a role of the wrong type', 'TargetOfOdd', { role: 2 }, 400],
    ['no role', 'TargetOfOdd', {}, 400],
  ])('answers %s with a 4xx in the contract shape', async (_name, pseudonym, body, status) => {
    const admin = await newMember(app, { role: 'admin' });
    if (pseudonym === 'TargetOfOdd') await newMember(app, { pseudonym }).catch(() => undefined);
    const response = await setRole(admin, pseudonym, body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('will not let the last admin be demoted over HTTP', async () => {
    await database.db.updateTable('accounts').set({ role: 'member' }).where('role', '=', 'admin').execute();
    const admin = await newMember(app, { pseudonym: 'OnlyAdmin', role: 'admin' });
    const response = await setRole(admin, 'OnlyAdmin', { role: 'member' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('last_admin');
    expect((await admin.request({ url: '/api/me' })).json().user.role).toBe('admin');
  });

  it('lets a suspended member sign in and read, tells them until when and why, and refuses their writes', async () => {
    const m = await newMember(app, { pseudonym: 'TimeOut' });
    const until = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    await database.db
      .updateTable('accounts')
      .set({ suspended_until: until, suspension_reason: 'Repeated harassment' })
      .where('pseudonym', '=', 'TimeOut')
      .execute();

    // Takes effect on the next request of an existing session.
    const write = await m.request({ method: 'POST', url: '/api/test/guarded-write' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('suspended');
    expect(write.json().error.message).toContain(until.toISOString());
    expect(write.json().error.message).toContain('Repeated harassment');

    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { pseudonym: 'TimeOut', password: m.password },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({
      suspendedUntil: until.toISOString(),
      suspensionReason: 'Repeated harassment',
    });
    const me = await m.request({ url: '/api/me' });
    expect(me.json().user).toMatchObject({
      suspendedUntil: until.toISOString(),
      suspensionReason: 'Repeated harassment',
    });
    expect((await app.inject({ url: '/api/boards', headers: { cookie: m.cookie } })).statusCode).toBe(200);
    // Their own data stays theirs while suspended.
    expect((await m.request({ url: '/api/me/export' })).statusCode).toBe(200);

    // Once the suspension is over, writing works again.
    await database.db
      .updateTable('accounts')
      .set({ suspended_until: new Date(Date.now() - 1000) })
      .where('pseudonym', '=', 'TimeOut')
      .execute();
    expect((await m.request({ method: 'POST', url: '/api/test/guarded-write' })).statusCode).toBe(200);
    expect((await m.request({ url: '/api/me' })).json().user).toMatchObject({
      suspendedUntil: null,
      suspensionReason: null,
    });
  });

  it('ends a session on its next request once the account is deleted', async () => {
    const m = await newMember(app);
    expect((await m.request({ method: 'POST', url: '/api/test/guarded-write' })).statusCode).toBe(200);
    await database.db.deleteFrom('accounts').where('pseudonym', '=', m.pseudonym).execute();
    expect((await m.request({ method: 'POST', url: '/api/test/guarded-write' })).statusCode).toBe(401);
  });
});
