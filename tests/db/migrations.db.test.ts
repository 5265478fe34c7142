import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectDatabase, type DatabaseHandle } from '../../api/db/connect';
import { migrateDown, migrateToLatest } from '../../api/db/migrator';
import { ENGINE, createTestDatabase } from '../helpers/database';

async function tables(handle: DatabaseHandle): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(handle.db);
  return result.rows.map((r) => r.table_name);
}

describe(`migrations on ${ENGINE}`, () => {
  let handle: DatabaseHandle & { dispose?: () => Promise<void> };

  beforeAll(async () => {
    handle =
      ENGINE === 'pglite'
        ? await connectDatabase({ databaseUrl: null, dataDir: 'memory://' })
        : await createTestDatabase('postgres');
    if (ENGINE === 'postgres') {
      // The template is already migrated: take it all the way down first.
      while ((await migrateDown(handle.db)).length > 0);
    }
  });
  afterAll(async () => {
    if (handle.dispose) await handle.dispose();
    else await handle.close();
  });

  it('runs every migration up, then down to nothing, then up again', async () => {
    expect(await tables(handle)).toEqual([]);
    const applied = await migrateToLatest(handle.db);
    expect(applied[0]).toBe('0001_initial_schema');
    expect(await tables(handle)).toContain('moderation_log');
    while ((await migrateDown(handle.db)).length > 0);
    expect(await tables(handle)).toEqual([]);
    await migrateToLatest(handle.db);
    expect(await tables(handle)).toContain('posts');
  });

  it('refuses any change to the moderation log', async () => {
    await sql`insert into moderation_log (actor_name, action, reason) values ('m', 'claim', 'x')`.execute(handle.db);
    await expect(sql`update moderation_log set reason = 'changed'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from moderation_log`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  it('refuses a deleted post that still holds text', async () => {
    await sql`insert into accounts (pseudonym, password_hash, recovery_hash) values ('someone', 'x', 'y')`.execute(handle.db);
    await sql`insert into boards (slug, name) values ('b1', 'B')`.execute(handle.db);
    await sql`insert into threads (board_id, account_id, title) select id, (select id from accounts), 't' from boards`.execute(handle.db);
    await expect(
      sql`insert into posts (thread_id, body_md, body_html, status) select id, 'secret', '<p>secret</p>', 'deleted' from threads`.execute(handle.db),
    ).rejects.toThrow();
  });
});
