import type { PostRow, Viewer } from '../db/posts.repository';
import { isStaff } from '../db/posts.repository';
import type { ThreadRow } from '../db/threads.repository';
import type { Role } from '../db/schema';
import type { Member } from '../plugins/app/auth';
import type { AuthorDto, PostDto, ThreadDto } from '../schemas/threads';

/**
 * Rows to the contract's shapes, for one viewer. This is where visibility becomes data: a
 * tombstone carries no text, an alias carries no role, and the markdown and a moderator's reason
 * go to the author alone.
 */

export const viewerFrom = (member: Member | null): Viewer | null => member && { id: member.id, role: member.role };

const iso = (value: Date | string): string => new Date(value).toISOString();

export function authorOf(a: {
  accountId: string | null;
  asAlias: boolean;
  alias: string | null;
  pseudonym: string | null;
  role: Role | null;
  isOriginalPoster: boolean;
}): AuthorDto {
  if (a.accountId === null) return { name: 'deleted', kind: 'deleted', isOriginalPoster: a.isOriginalPoster, role: 'member' };
  // An alias never shows a role: a moderator writing anonymously must not be picked out by it.
  if (a.asAlias) return { name: a.alias ?? 'Anonymous', kind: 'alias', isOriginalPoster: a.isOriginalPoster, role: 'member' };
  return { name: a.pseudonym ?? 'deleted', kind: 'member', isOriginalPoster: a.isOriginalPoster, role: a.role ?? 'member' };
}

/** Whether this viewer may see the thread at all: a pending one is its author's and the moderators'. */
export function canSeeThread(row: Pick<ThreadRow, 'status' | 'account_id'>, viewer: Viewer | null): boolean {
  if (row.status !== 'pending') return true;
  return isStaff(viewer) || (viewer !== null && row.account_id === viewer.id);
}

export function toThreadDto(row: ThreadRow, viewer: Viewer | null): ThreadDto {
  const own = viewer !== null && row.account_id === viewer.id;
  const tombstone = row.status === 'deleted' || ((row.status === 'hidden' || row.status === 'removed') && !own);
  return {
    id: row.id,
    board: { slug: row.board_slug, name: row.board_name },
    title: tombstone ? '' : row.title,
    author: authorOf({
      accountId: row.account_id,
      asAlias: row.anonymous,
      alias: row.author_alias,
      pseudonym: row.author_pseudonym,
      role: row.author_role,
      isOriginalPoster: true,
    }),
    contentWarning: tombstone ? null : row.content_warning,
    status: row.status,
    createdAt: iso(row.created_at),
    lastActivityAt: iso(row.last_activity_at),
    replyCount: row.reply_count,
  };
}

export function toPostDto(row: PostRow, viewer: Viewer | null): PostDto {
  const mine = viewer !== null && row.account_id === viewer.id;
  const tombstone = row.status === 'deleted' || ((row.status === 'hidden' || row.status === 'removed') && !mine);
  const dto: PostDto = {
    id: row.id,
    threadId: row.thread_id,
    author: authorOf({
      accountId: row.account_id,
      asAlias: row.as_alias,
      alias: row.author_alias,
      pseudonym: row.author_pseudonym,
      role: row.author_role,
      isOriginalPoster: row.is_opening || (row.account_id !== null && row.account_id === row.thread_account_id),
    }),
    bodyHtml: tombstone ? '' : row.body_html,
    contentWarning: tombstone ? null : row.content_warning,
    status: row.status,
    createdAt: iso(row.created_at),
    editedAt: row.edited_at === null ? null : iso(row.edited_at),
    reactions: {
      hug: row.reaction_hug,
      relate: row.reaction_relate,
      thanks: row.reaction_thanks,
      strength: row.reaction_strength,
    },
    myReactions: row.my_reactions ?? [],
    mine,
  };
  if (mine && row.body_md !== null) dto.body = row.body_md;
  if (mine && (row.status === 'hidden' || row.status === 'removed')) dto.statusReason = row.status_reason;
  return dto;
}
