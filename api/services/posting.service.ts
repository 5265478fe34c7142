import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config';
import type { CrisisResource } from '../crisis-resources';
import type { Database, PostStatus } from '../db/schema';
import type { Member } from '../plugins/app/auth';
import { findBoardBySlug } from '../db/boards.repository';
import { findPostView, findRecentDuplicate, insertPost, recentPostsOf, type Viewer } from '../db/posts.repository';
import {
  assignAlias,
  findRecentDuplicateThread,
  findThreadForWrite,
  findThreadView,
  insertThread,
  recordPublishedReply,
} from '../db/threads.repository';
import { openOrJoinItem } from '../db/moderation-items.repository';
import { insertNotification } from '../db/notifications.repository';
import { conflict, notFound } from '../errors';
import type { HavenEvent } from '../events/types';
import { renderMarkdown, type RenderedMarkdown } from '../markdown/render';
import { evaluatePost, type Evaluation, type ModerationConfig } from '../../moderation/index';
import type { CrisisDto, PostDto, ThreadDto } from '../schemas/threads';
import { canSeeThread, toPostDto, toThreadDto } from './post-view';
import { checkPostingRate, DOUBLE_SUBMIT_SECONDS, postingTransaction, requestHash, type Outcome } from './posting-guards';
import { cleanBody, cleanContentWarning, cleanTitle } from './post-input';

/** What posting needs from the app; the Fastify instance satisfies it. */
export interface PostingDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'rateLimits'>;
  moderationRules: ModerationConfig;
  crisisResources: readonly CrisisResource[];
}

const SPAM_LOOKBACK_POSTS = 50;

export const viewerOf = (member: Member): Viewer => ({ id: member.id, role: member.role });

function crisisFor(deps: PostingDeps, crisis: boolean): CrisisDto {
  return crisis ? { resources: deps.crisisResources.map((r) => ({ ...r })) } : null;
}

/** Runs the automatic rules on what the member wrote, with their recent posts for the spam rule. */
export async function evaluate(
  deps: PostingDeps,
  trx: Transaction<Database>,
  member: Member,
  p: { text: string; threadId: string; boardPremoderated: boolean },
): Promise<Evaluation> {
  const recentPosts = await recentPostsOf(trx, member.id, deps.moderationRules.rules.spam.duplicateWindowMinutes, SPAM_LOOKBACK_POSTS);
  return evaluatePost(
    { ...p, role: member.role, accountCreatedAt: member.createdAt, recentPosts, now: new Date() },
    deps.moderationRules,
  );
}

/** A rule that fired opens (or joins) the post's moderation item; returns the event to publish. */
export async function queueRuleHits(trx: Transaction<Database>, postId: string, evaluation: Evaluation): Promise<HavenEvent[]> {
  if (evaluation.automatic.length === 0) return [];
  const item = await openOrJoinItem(trx, {
    postId,
    crisis: evaluation.crisis,
    weight: evaluation.weight,
    automatic: [...evaluation.automatic],
  });
  return [{ type: 'queue.changed', itemId: item.id }];
}

/** Inserts the post, giving its author their alias in the thread first when they write under one. */
async function storePost(
  trx: Transaction<Database>,
  member: Member,
  p: { threadId: string; asAlias: boolean; isOpening: boolean; body: string; rendered: RenderedMarkdown; contentWarning: string | null; status: PostStatus },
): Promise<string> {
  if (p.asAlias) await assignAlias(trx, p.threadId, member.id);
  return insertPost(trx, {
    threadId: p.threadId,
    accountId: member.id,
    asAlias: p.asAlias,
    isOpening: p.isOpening,
    bodyMd: p.body,
    bodyHtml: p.rendered.html,
    renderVersion: p.rendered.version,
    contentWarning: p.contentWarning,
    status: p.status,
  });
}

export interface NewThreadInput {
  title: string;
  body: string;
  contentWarning?: string | null;
  anonymous?: boolean;
}

export async function createThread(
  deps: PostingDeps,
  member: Member,
  boardSlug: string,
  input: NewThreadInput,
  idempotencyKey: string | undefined,
): Promise<Outcome<{ thread: ThreadDto; post: PostDto; crisis: CrisisDto }>> {
  const title = cleanTitle(input.title);
  const body = cleanBody(input.body);
  const contentWarning = cleanContentWarning(input.contentWarning);
  const anonymous = input.anonymous ?? false;
  const board = await findBoardBySlug(deps.db, boardSlug);
  if (!board) throw notFound('No board by that name.');
  const rendered = renderMarkdown(body);
  const viewer = viewerOf(member);
  const text = [title, contentWarning ?? '', body].join('\n\n');

  return postingTransaction(deps.db, member.id, { key: idempotencyKey, hash: requestHash(`thread:${boardSlug}`, input) }, async (trx) => {
    const respond = async (threadId: string, postId: string, crisis: boolean, events: HavenEvent[]) => {
      const thread = (await findThreadView(trx, threadId))!;
      const post = (await findPostView(trx, postId, viewer))!;
      return {
        statusCode: 201,
        body: { thread: toThreadDto(thread, viewer), post: toPostDto(post, viewer), crisis: crisisFor(deps, crisis) },
        events,
      };
    };
    const duplicate = await findRecentDuplicateThread(trx, {
      accountId: member.id,
      boardId: board.id,
      title,
      bodyMd: body,
      withinSeconds: DOUBLE_SUBMIT_SECONDS,
    });
    if (duplicate) {
      const again = await evaluate(deps, trx, member, { text, threadId: duplicate.threadId, boardPremoderated: board.premoderated });
      return respond(duplicate.threadId, duplicate.postId, again.crisis, []);
    }
    await checkPostingRate(trx, member, deps.config.rateLimits);
    // The thread has no id yet; a placeholder no earlier post can carry keeps the spam rule honest.
    const evaluation = await evaluate(deps, trx, member, { text, threadId: 'new', boardPremoderated: board.premoderated });
    const status: PostStatus = evaluation.hold ? 'pending' : 'published';
    const threadId = await insertThread(trx, { boardId: board.id, accountId: member.id, anonymous, title, contentWarning, status });
    const postId = await storePost(trx, member, { threadId, asAlias: anonymous, isOpening: true, body, rendered, contentWarning, status });
    const events = await queueRuleHits(trx, postId, evaluation);
    if (status === 'published') events.push({ type: 'post.created', threadId, postId });
    return respond(threadId, postId, evaluation.crisis, events);
  });
}

export interface NewReplyInput {
  body: string;
  contentWarning?: string | null;
}

export async function createReply(
  deps: PostingDeps,
  member: Member,
  threadId: string,
  input: NewReplyInput,
  idempotencyKey: string | undefined,
): Promise<Outcome<{ post: PostDto; crisis: CrisisDto }>> {
  const body = cleanBody(input.body);
  const contentWarning = cleanContentWarning(input.contentWarning);
  const viewer = viewerOf(member);
  const thread = await findThreadForWrite(deps.db, threadId);
  if (!thread || !canSeeThread(thread, viewer)) throw notFound('No thread by that id.');
  if (thread.status !== 'published') throw conflict('thread_closed', 'This thread is not open for replies.');
  const rendered = renderMarkdown(body);
  const asAlias = thread.anonymous && thread.account_id === member.id;

  return postingTransaction(deps.db, member.id, { key: idempotencyKey, hash: requestHash(`reply:${threadId}`, input) }, async (trx) => {
    const respond = async (postId: string, crisis: boolean, events: HavenEvent[]) => ({
      statusCode: 201,
      body: { post: toPostDto((await findPostView(trx, postId, viewer))!, viewer), crisis: crisisFor(deps, crisis) },
      events,
    });
    const evaluationInput = { text: [contentWarning ?? '', body].join('\n\n'), threadId, boardPremoderated: thread.board_premoderated };
    const duplicate = await findRecentDuplicate(trx, { accountId: member.id, threadId, bodyMd: body, withinSeconds: DOUBLE_SUBMIT_SECONDS });
    if (duplicate) return respond(duplicate, (await evaluate(deps, trx, member, evaluationInput)).crisis, []);
    await checkPostingRate(trx, member, deps.config.rateLimits);
    const evaluation = await evaluate(deps, trx, member, evaluationInput);
    const status: PostStatus = evaluation.hold ? 'pending' : 'published';
    const postId = await storePost(trx, member, { threadId, asAlias, isOpening: false, body, rendered, contentWarning, status });
    const events = await queueRuleHits(trx, postId, evaluation);
    if (status === 'published') {
      await recordPublishedReply(trx, threadId, member.id);
      events.push({ type: 'post.created', threadId, postId });
      if (thread.account_id !== null && thread.account_id !== member.id) {
        const notificationId = await insertNotification(trx, {
          accountId: thread.account_id,
          kind: 'reply',
          threadId,
          postId,
          data: { threadTitle: thread.title },
        });
        events.push({ type: 'notification', accountId: thread.account_id, notificationId });
      }
    }
    return respond(postId, evaluation.crisis, events);
  });
}
