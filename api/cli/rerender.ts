import { sql } from 'kysely';
import { renderMarkdown } from '../markdown/render';
import { RENDER_VERSION } from '../markdown/config';
import type { CliCommand } from './commands';
import { openDatabase } from './open-database';

const BATCH = 500;

/**
 * Re-renders stored posts after the markdown pipeline changes. Walks posts by id in batches, each
 * batch its own short transaction, so the forum stays writable meanwhile; `--all` re-renders even
 * posts already at the current render version. Deleted posts have no text and are skipped.
 */
export const rerenderCommand: CliCommand = {
  usage: 'rerender [--all]',
  summary: 're-render stored posts with the current markdown pipeline',
  async run(config, args) {
    const all = args.includes('--all');
    const handle = await openDatabase(config);
    let after = '0';
    let done = 0;
    try {
      for (;;) {
        const rows = await handle.db
          .selectFrom('posts')
          .select([sql<string>`id::text`.as('id'), 'body_md'])
          .where('posts.id', '>', after)
          .where('body_md', 'is not', null)
          .where('status', '<>', 'deleted')
          .$if(!all, (q) => q.where('render_version', '<>', RENDER_VERSION))
          .orderBy('posts.id')
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        await handle.db.transaction().execute(async (trx) => {
          for (const row of rows) {
            const rendered = renderMarkdown(row.body_md ?? '');
            // The body may have been edited or erased since it was read; only a row still holding this text is updated.
            await trx
              .updateTable('posts')
              .set({ body_html: rendered.html, render_version: rendered.version })
              .where('id', '=', row.id)
              .where('body_md', '=', row.body_md)
              .execute();
          }
        });
        done += rows.length;
        after = rows[rows.length - 1]!.id;
        console.log(`re-rendered ${done} posts…`);
      }
      console.log(`Done: ${done} posts re-rendered at render version ${RENDER_VERSION}.`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};
