import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { reasonsForItems } from '../db/flags.repository';
import { authorHistories, editHistoryFor } from '../db/moderated-posts.repository';
import type { ItemRow } from '../db/moderation-items.repository';
import { findPostViews, type PostRow, type Viewer } from '../db/posts.repository';
import { findThreadViews, type ThreadRow } from '../db/threads.repository';
import type { ModeratedPostDto, ModeratedThreadDto, QueueItemDto } from '../schemas/moderation';
import { toPostDto, toThreadDto } from './post-view';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Queue items as JSON. Posts and threads are read and mapped by the same code as everywhere
 * else (so an alias is an alias here too, and the pseudonym behind it is never even selected);
 * moderators then get back the rendered text a tombstone would hide from others, because judging it is
 * their job.
 */
export function toModeratedPost(row: PostRow, viewer: Viewer): ModeratedPostDto {
  const dto = toPostDto(row, viewer);
  return {
    ...dto,
    bodyHtml: row.body_html,
    contentWarning: row.content_warning,
    statusReason: row.status_reason,
  };
}

export function toModeratedThread(row: ThreadRow, viewer: Viewer): ModeratedThreadDto {
  return { ...toThreadDto(row, viewer), title: row.title, contentWarning: row.content_warning };
}

/** Builds queue items for a page of rows in a fixed number of round trips, whatever the page size. */
export async function toQueueItems(db: Db, items: readonly ItemRow[], viewer: Viewer): Promise<QueueItemDto[]> {
  const postIds = [...new Set(items.map((i) => i.post_id))];
  const [posts, reasons, edits, histories] = await Promise.all([
    findPostViews(db, postIds, viewer),
    reasonsForItems(
      db,
      items.map((i) => i.id),
    ),
    editHistoryFor(db, postIds),
    authorHistories(db, postIds),
  ]);
  const postsById = new Map(posts.map((p) => [p.id, p]));
  const threads = await findThreadViews(db, [...new Set(posts.map((p) => p.thread_id))]);
  const threadsById = new Map(threads.map((t) => [t.id, t]));
  const now = Date.now();
  return items.map((item) => {
    const post = postsById.get(item.post_id);
    const thread = post && threadsById.get(post.thread_id);
    if (post === undefined || thread === undefined) throw new Error(`moderation item ${item.id} has no post`);
    const fresh = item.claimed_until !== null && item.claimed_until.getTime() > now;
    return {
      id: item.id,
      version: item.version,
      post: toModeratedPost(post, viewer),
      thread: toModeratedThread(thread, viewer),
      reasons: reasons.get(item.id) ?? [],
      automatic: item.automatic,
      status: item.status,
      crisis: item.crisis,
      weight: item.weight,
      claimedBy: fresh ? item.claimed_by_name : null,
      claimedUntil: fresh ? (item.claimed_until?.toISOString() ?? null) : null,
      createdAt: item.created_at.toISOString(),
      decision: item.decision,
      decisionReason: item.decision_reason,
      resolvedAt: item.resolved_at?.toISOString() ?? null,
      appealNote: item.appeal_note,
      authorHistory: histories.get(item.post_id) ?? { accountAgeDays: null, removedPosts: 0 },
      editHistory: edits
        .filter((e) => e.post_id === item.post_id)
        .map((e) => ({ body: e.body_md, contentWarning: e.content_warning, editedAt: e.edited_at.toISOString() })),
    };
  });
}
