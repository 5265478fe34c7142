import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { ExportDocument } from '../schemas/export';

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * Reads everything one account has, in one repeatable-read snapshot so the parts agree.
 * Every query is filtered by the account's own id: other members appear only as the public
 * ids of posts and threads, never as who they are (no other account id, alias or pseudonym).
 */
export async function readAccountExport(
  db: Kysely<Database>,
  accountId: string,
): Promise<Omit<ExportDocument, 'format' | 'exportedAt' | 'profile'> | null> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const account = await trx
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (!account) return null;

      const sessions = await trx
        .selectFrom('sessions')
        .select(['created_at', 'last_seen_at', 'expires_at'])
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .execute();

      const threads = await trx
        .selectFrom('threads')
        .innerJoin('boards', 'boards.id', 'threads.board_id')
        .select([
          'threads.id',
          'boards.slug as boardSlug',
          'boards.name as boardName',
          'threads.title',
          'threads.content_warning',
          'threads.anonymous',
          'threads.status',
          'threads.created_at',
          'threads.last_activity_at',
          'threads.reply_count',
        ])
        .where('threads.account_id', '=', accountId)
        .orderBy('threads.id')
        .execute();

      const aliases = await trx
        .selectFrom('thread_aliases')
        .select(['thread_id', 'alias'])
        .where('account_id', '=', accountId)
        .orderBy('thread_id')
        .execute();

      const posts = await trx
        .selectFrom('posts')
        .select([
          'id',
          'thread_id',
          'is_opening',
          'as_alias',
          'body_md',
          'body_html',
          'content_warning',
          'status',
          'status_reason',
          'created_at',
          'edited_at',
          'reaction_hug',
          'reaction_relate',
          'reaction_thanks',
          'reaction_strength',
        ])
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute();

      const edits = await trx
        .selectFrom('post_edits')
        .innerJoin('posts', 'posts.id', 'post_edits.post_id')
        .select([
          'post_edits.post_id',
          'post_edits.body_md',
          'post_edits.content_warning',
          'post_edits.edited_at',
        ])
        .where('posts.account_id', '=', accountId)
        .orderBy('post_edits.id')
        .execute();

      const reactions = await trx
        .selectFrom('reactions')
        .select(['post_id', 'kind', 'created_at'])
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .execute();

      // The member's own flags only: reason and note, never who else flagged the same post.
      const flags = await trx
        .selectFrom('flags')
        .select(['post_id', 'reason', 'note', 'created_at'])
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute();

      const appeals = await trx
        .selectFrom('moderation_items')
        .innerJoin('posts', 'posts.id', 'moderation_items.post_id')
        .select(['moderation_items.post_id', 'moderation_items.appeal_note'])
        .where('posts.account_id', '=', accountId)
        .where('moderation_items.appeal_note', 'is not', null)
        .orderBy('moderation_items.id')
        .execute();

      const notifications = await trx
        .selectFrom('notifications')
        .select(['id', 'kind', 'thread_id', 'post_id', 'data', 'created_at', 'read_at'])
        .where('account_id', '=', accountId)
        .orderBy('id')
        .execute();

      // Actions this member took as a moderator; the subject (another member) is left out.
      const moderationActions = await trx
        .selectFrom('moderation_log')
        .select(['action', 'item_id', 'post_id', 'reason', 'created_at'])
        .where('actor_id', '=', accountId)
        .orderBy('id')
        .execute();

      return {
        sessions: sessions.map((s) => ({
          createdAt: iso(s.created_at),
          lastSeenAt: iso(s.last_seen_at),
          expiresAt: iso(s.expires_at),
        })),
        threads: threads.map((t) => ({
          id: t.id,
          board: { slug: t.boardSlug, name: t.boardName },
          title: t.title,
          contentWarning: t.content_warning,
          anonymous: t.anonymous,
          status: t.status,
          createdAt: iso(t.created_at),
          lastActivityAt: iso(t.last_activity_at),
          replyCount: t.reply_count,
        })),
        aliases: aliases.map((a) => ({ threadId: a.thread_id, alias: a.alias })),
        posts: posts.map((p) => ({
          id: p.id,
          threadId: p.thread_id,
          isOpeningPost: p.is_opening,
          asAlias: p.as_alias,
          body: p.body_md,
          bodyHtml: p.body_html,
          contentWarning: p.content_warning,
          status: p.status,
          statusReason: p.status_reason,
          createdAt: iso(p.created_at),
          editedAt: isoOrNull(p.edited_at),
          reactions: {
            hug: p.reaction_hug,
            relate: p.reaction_relate,
            thanks: p.reaction_thanks,
            strength: p.reaction_strength,
          },
          edits: edits
            .filter((e) => e.post_id === p.id)
            .map((e) => ({ body: e.body_md, contentWarning: e.content_warning, editedAt: iso(e.edited_at) })),
        })),
        reactions: reactions.map((r) => ({ postId: r.post_id, kind: r.kind, createdAt: iso(r.created_at) })),
        flags: flags.map((f) => ({
          postId: f.post_id,
          reason: f.reason,
          note: f.note,
          createdAt: iso(f.created_at),
        })),
        appeals: appeals.map((a) => ({ postId: a.post_id, note: a.appeal_note ?? '' })),
        notifications: notifications.map((n) => ({
          id: n.id,
          kind: n.kind,
          threadId: n.thread_id,
          postId: n.post_id,
          data: n.data,
          createdAt: iso(n.created_at),
          readAt: isoOrNull(n.read_at),
        })),
        moderationActions: moderationActions.map((m) => ({
          action: m.action,
          itemId: m.item_id,
          postId: m.post_id,
          reason: m.reason,
          createdAt: iso(m.created_at),
        })),
      };
    });
}
