import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../api/config';
import { rerenderCommand } from '../../api/cli/rerender';
import { migrateCommand } from '../../api/cli/migrate';
import { openDatabase } from '../../api/cli/open-database';
import { ENGINE, createTestDatabaseUrl } from '../helpers/database';

describe(`npm run cli -- rerender on ${ENGINE}`, () => {
  let config: Config;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    if (ENGINE === 'postgres') {
      const database = await createTestDatabaseUrl();
      config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url });
      dispose = database.dispose;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'haven-rerender-'));
      config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir });
      dispose = async () => rmSync(dir, { recursive: true, force: true });
    }
    expect(await migrateCommand.run(config, [])).toBe(0);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await dispose();
  });

  it('re-renders stale posts and leaves deleted ones empty', async () => {
    const handle = await openDatabase(config);
    try {
      await sql`insert into accounts (pseudonym, password_hash, recovery_hash) values ('renderer', 'x', 'x')`.execute(handle.db);
      await sql`insert into threads (board_id, account_id, title) select id, (select id from accounts), 'old' from boards limit 1`.execute(handle.db);
      await sql`
        insert into posts (thread_id, account_id, body_md, body_html, render_version, status)
        select (select id from threads), (select id from accounts), 'post **' || g || '**', 'stale', 0, 'published'
        from generate_series(1, 1203) g`.execute(handle.db);
      await sql`insert into posts (thread_id, account_id, body_md, body_html, status) values ((select id from threads), null, null, '', 'deleted')`.execute(handle.db);
    } finally {
      await handle.close();
    }
    expect(await rerenderCommand.run(config, [])).toBe(0);
    const check = await openDatabase(config);
    try {
      const stale = await sql<{ n: number }>`select count(*)::int as n from posts where body_html = 'stale' or render_version = 0 and status <> 'deleted'`.execute(check.db);
      expect(stale.rows[0]!.n).toBe(0);
      const one = await sql<{ body_html: string }>`select body_html from posts where body_md = 'post **7**'`.execute(check.db);
      expect(one.rows[0]!.body_html).toBe('<p>post <strong>7</strong></p>\n');
      const deleted = await sql<{ body_html: string }>`select body_html from posts where status = 'deleted'`.execute(check.db);
      expect(deleted.rows).toEqual([{ body_html: '' }]);
    } finally {
      await check.close();
    }
  });
});
