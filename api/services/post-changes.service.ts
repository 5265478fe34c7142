import type { Member } from '../plugins/app/auth';
import type { ReactionKind } from '../db/schema';
import {
  editPost as storeEdit,
  erasePost,
  findPostView,
  isStaff,
  findPostForWrite,
  type PostForWrite,
  type Viewer,
} from '../db/posts.repository';
import { eraseThread, findThreadForWrite, setThreadContentWarning, setThreadStatus } from '../db/threads.repository';
import { addReaction, reactionCounts, removeReaction, type ReactionCounts } from '../db/reactions.repository';
import { gatherReactionNotification } from '../db/notifications.repository';
import { conflict, forbidden, notFound, unprocessable } from '../errors';
import type { HavenEvent } from '../events/types';
import { renderMarkdown } from '../markdown/render';
import type { PostDto } from '../schemas/threads';
import { toPostDto } from './post-view';
import { evaluate, queueRuleHits, viewerOf, type PostingDeps } from './posting.service';
import { cleanBody, cleanContentWarning } from './post-input';
import type { Outcome } from './posting-guards';
import type { Evaluation } from '../../moderation/index';

export const REACTION_KINDS: readonly ReactionKind[] = ['hug', 'relate', 'thanks', 'strength'];

/** A post the viewer may not see (someone else's pending post, or one in someone else's pending thread) does not exist for them. */
function visibleTo(post: PostForWrite, viewer: Viewer): boolean {
  if (isStaff(viewer) || post.account_id === viewer.id) return true;
  if (post.status === 'pending') return false;
  return !(post.thread_status === 'pending' && post.thread_account_id !== viewer.id);
}

async function lockOwnPost(trx: Parameters<typeof findPostForWrite>[0], postId: string, viewer: Viewer): Promise<PostForWrite> {
  const post = await findPostForWrite(trx, postId, { lock: true });
  if (!post || !visibleTo(post, viewer)) throw notFound('No post by that id.');
  if (post.account_id !== viewer.id) throw forbidden('not_author', 'Only its author can change a post.');
  return post;
}

export interface PostChanges {
  body?: string;
  contentWarning?: string | null;
}

/** Only rules the edit newly set off: re-holding a post a moderator already approved would punish every typo fix. */
function newlyFired(before: Evaluation, after: Evaluation): Evaluation {
  const automatic = after.automatic.filter((rule) => !before.automatic.includes(rule));
  return {
    hold: after.hold && !before.hold,
    crisis: after.crisis && !before.crisis,
    automatic,
    weight: automatic.length === 0 ? 0 : after.weight,
  };
}

export async function editPost(deps: PostingDeps, member: Member, postId: string, changes: PostChanges): Promise<Outcome<PostDto>> {
  const viewer = viewerOf(member);
  const newBody = changes.body === undefined ? undefined : cleanBody(changes.body);
  const newWarning = changes.contentWarning === undefined ? undefined : cleanContentWarning(changes.contentWarning);
  const rendered = newBody === undefined ? undefined : renderMarkdown(newBody);

  return deps.db.transaction().execute(async (trx) => {
    const post = await lockOwnPost(trx, postId, viewer);
    if (post.status === 'deleted' || post.body_md === null) throw conflict('post_deleted', 'A deleted post cannot be edited.');
    const body = newBody ?? post.body_md;
    const contentWarning = newWarning === undefined ? post.content_warning : newWarning;
    const events: HavenEvent[] = [];
    if (body !== post.body_md || contentWarning !== post.content_warning) {
      const thread = (await findThreadForWrite(trx, post.thread_id))!;
      const textOf = (b: string, w: string | null) =>
        (post.is_opening ? [thread.title, w ?? '', b] : [w ?? '', b]).join('\n\n');
      const input = { threadId: post.thread_id, boardPremoderated: thread.board_premoderated };
      const before = await evaluate(deps, trx, member, { ...input, text: textOf(post.body_md, post.content_warning) });
      const after = await evaluate(deps, trx, member, { ...input, text: textOf(body, contentWarning) });
      const fired = newlyFired(before, after);

      const html = rendered ?? renderMarkdown(body);
      await storeEdit(
        trx,
        postId,
        { bodyMd: post.body_md, contentWarning: post.content_warning },
        { bodyMd: body, bodyHtml: html.html, renderVersion: html.version, contentWarning },
      );
      if (post.is_opening && contentWarning !== post.content_warning) await setThreadContentWarning(trx, post.thread_id, contentWarning);
      if (fired.hold && post.status === 'published') {
        await trx.updateTable('posts').set({ status: 'pending' }).where('id', '=', postId).execute();
        if (post.is_opening) await setThreadStatus(trx, post.thread_id, 'pending');
      }
      events.push(...(await queueRuleHits(trx, postId, fired)));
    }
    const view = await findPostView(trx, postId, viewer);
    return { statusCode: 200, body: toPostDto(view!, viewer), events };
  });
}

export async function deletePost(deps: PostingDeps, member: Member, postId: string): Promise<void> {
  const viewer = viewerOf(member);
  await deps.db.transaction().execute(async (trx) => {
    const post = await lockOwnPost(trx, postId, viewer);
    if (post.status === 'deleted') return;
    await erasePost(trx, postId);
    if (post.is_opening) await eraseThread(trx, post.thread_id);
  });
}

export function reactionKind(raw: string): ReactionKind {
  const kind = REACTION_KINDS.find((k) => k === raw);
  if (!kind) throw unprocessable('invalid_reaction', 'Reactions are hug, relate, thanks and strength.');
  return kind;
}

/**
 * PUT/DELETE a reaction. Both are idempotent; the counts come back fresh from the row the trigger
 * keeps. Only a published post takes new reactions; taking one's own back always works.
 */
export async function setReaction(
  deps: PostingDeps,
  member: Member,
  postId: string,
  kind: ReactionKind,
  on: boolean,
): Promise<Outcome<{ reactions: ReactionCounts }>> {
  const viewer = viewerOf(member);
  return deps.db.transaction().execute(async (trx) => {
    const post = await findPostForWrite(trx, postId, { lock: false });
    if (!post || !visibleTo(post, viewer)) throw notFound('No post by that id.');
    const events: HavenEvent[] = [];
    if (on) {
      if (post.status !== 'published') throw conflict('not_reactable', 'Reactions are for published posts.');
      const added = await addReaction(trx, postId, member.id, kind);
      if (added && post.account_id !== null && post.account_id !== member.id) {
        const notificationId = await gatherReactionNotification(trx, {
          accountId: post.account_id,
          threadId: post.thread_id,
          postId,
          data: { threadTitle: post.thread_title },
        });
        events.push({ type: 'notification', accountId: post.account_id, notificationId });
      }
    } else {
      await removeReaction(trx, postId, member.id, kind);
    }
    return { statusCode: 200, body: { reactions: await reactionCounts(trx, postId) }, events };
  });
}
