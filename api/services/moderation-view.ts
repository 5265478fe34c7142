import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { reasonsForItems } from '../db/flags.repository';
import { editHistoryFor, findModeratedPosts, type ModeratedPostRow } from '../db/moderated-posts.repository';
import type { ItemRow } from '../db/moderation-items.repository';
import type { AuthorDto, ModeratedPostDto, ModeratedThreadDto, QueueItemDto } from '../schemas/moderation';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The one place queue items become JSON. Names come from the row's precomputed author name (an
 * alias for an alias post), so nothing here can reach for the pseudonym behind an alias.
 */
function author(name: string | null, role: ModeratedPostRow['author_role'], alias: boolean, isOriginalPoster: boolean): AuthorDto {
  if (name === null || role === null) return { name: 'Deleted member', kind: 'deleted', isOriginalPoster, role: 'member' };
  return { name, kind: alias ? 'alias' : 'member', isOriginalPoster, role };
}

export function toModeratedPost(row: ModeratedPostRow, viewerId: string | null): ModeratedPostDto {
  const isOriginalPoster = row.account_id !== null && row.account_id === row.thread_account_id;
  return {
    id: row.id,
    threadId: row.thread_id,
    author: author(row.author_name, row.author_role, row.as_alias, isOriginalPoster),
    body: row.body_md,
    bodyHtml: row.body_html,
    contentWarning: row.content_warning,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    reactions: { hug: row.reaction_hug, relate: row.reaction_relate, thanks: row.reaction_thanks, strength: row.reaction_strength },
    myReactions: [],
    mine: viewerId !== null && row.account_id === viewerId,
  };
}

export function toModeratedThread(row: ModeratedPostRow): ModeratedThreadDto {
  return {
    id: row.thread_id,
    board: { slug: row.board_slug, name: row.board_name },
    title: row.thread_title,
    author: author(row.thread_author_name, row.thread_author_role, row.thread_anonymous, true),
    contentWarning: row.thread_content_warning,
    status: row.thread_status,
    createdAt: row.thread_created_at.toISOString(),
    lastActivityAt: row.thread_last_activity_at.toISOString(),
    replyCount: row.thread_reply_count,
  };
}

/** Builds queue items for a page of rows in four round trips, whatever the page size. */
export async function toQueueItems(db: Db, items: readonly ItemRow[], viewerId: string | null): Promise<QueueItemDto[]> {
  const postIds = [...new Set(items.map((i) => i.post_id))];
  const [posts, reasons, edits] = await Promise.all([
    findModeratedPosts(db, postIds),
    reasonsForItems(
      db,
      items.map((i) => i.id),
    ),
    editHistoryFor(db, postIds),
  ]);
  const postsById = new Map(posts.map((p) => [p.id, p]));
  const now = Date.now();
  return items.map((item) => {
    const post = postsById.get(item.post_id);
    if (post === undefined) throw new Error(`moderation item ${item.id} has no post`);
    const fresh = item.claimed_until !== null && item.claimed_until.getTime() > now;
    return {
      id: item.id,
      version: item.version,
      post: toModeratedPost(post, viewerId),
      thread: toModeratedThread(post),
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
      authorHistory: { accountAgeDays: post.author_age_days, removedPosts: post.author_removed_posts },
      editHistory: edits
        .filter((e) => e.post_id === item.post_id)
        .map((e) => ({ body: e.body_md, contentWarning: e.content_warning, editedAt: e.edited_at.toISOString() })),
    };
  });
}
