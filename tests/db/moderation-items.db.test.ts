import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openOrJoinItem } from '../../api/db/moderation-items.repository';
import { ENGINE, createTestDatabase, type TestDatabase } from '../helpers/database';

describe(`moderation items on ${ENGINE}`, () => {
  let d: TestDatabase;
  let postId: string;
  beforeAll(async () => {
    d = await createTestDatabase();
    await sql`insert into accounts (pseudonym, password_hash, recovery_hash) values ('author', 'x', 'y')`.execute(d.db);
    await sql`insert into boards (slug, name) values ('b1', 'B')`.execute(d.db);
    await sql`insert into threads (board_id, account_id, title) select b.id, a.id, 't' from boards b, accounts a`.execute(d.db);
    const row = await sql<{ id: string }>`insert into posts (thread_id, account_id, body_md) select id, account_id, 'hello' from threads returning id`.execute(d.db);
    postId = row.rows[0]!.id;
  });
  afterAll(() => d.dispose());

  it('gathers contributions on one post into one open item', async () => {
    const first = await openOrJoinItem(d.db, { postId, crisis: false, weight: 2, automatic: ['spam'] });
    const second = await openOrJoinItem(d.db, { postId, crisis: true, weight: 5, automatic: ['crisis-language', 'spam'] });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const item = await d.db.selectFrom('moderation_items').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ crisis: true, weight: 7, automatic: ['crisis-language', 'spam'], version: 2, status: 'open' });
  });

  it('opens a new item once the last one is resolved', async () => {
    await d.db.updateTable('moderation_items').set({ status: 'resolved' }).where('post_id', '=', postId).execute();
    const next = await openOrJoinItem(d.db, { postId, crisis: false, weight: 1, automatic: [] });
    expect(next.created).toBe(true);
  });
});
