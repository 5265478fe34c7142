import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { findBoardBySlug } from '../db/boards.repository';
import { findPostViews, type Viewer } from '../db/posts.repository';
import { searchPosts } from '../db/search.repository';
import { findThreadViews } from '../db/threads.repository';
import { notFound, unprocessable } from '../errors';
import { highlightSnippet } from '../markdown/render';
import type { PostDto, ThreadDto } from '../schemas/threads';
import { cleanLine } from '../text';
import { decodeCursor, encodeCursor } from './cursor';
import { toPostDto, toThreadDto } from './post-view';

export const SEARCH_MAX_LENGTH = 200;

export interface SearchPageDto {
  items: { thread: ThreadDto; post: PostDto; snippetHtml: string }[];
  nextCursor: string | null;
}

/**
 * Search over published posts in published threads. Hits show authors exactly as the thread does
 * (an alias stays an alias), and the snippet is escaped text with only <mark> added.
 */
export async function search(
  db: Kysely<Database>,
  viewer: Viewer | null,
  query: { q: string; board?: string; limit?: number; cursor?: string },
): Promise<SearchPageDto> {
  const text = cleanLine(query.q);
  if (text.length === 0 || text.length > SEARCH_MAX_LENGTH) {
    throw unprocessable('invalid_query', `A search is 1–${SEARCH_MAX_LENGTH} characters.`);
  }
  const limit = query.limit ?? 20;
  let boardId: string | null = null;
  if (query.board !== undefined && query.board !== '') {
    const board = await findBoardBySlug(db, query.board);
    if (!board) throw notFound('No board by that name.');
    boardId = board.id;
  }
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, 's', ['number', 'id']);
  const rows = await searchPosts(db, { text, boardId, after: after && [Number(after[0]), String(after[1])], limit });
  const page = rows.slice(0, limit);
  const [posts, threads] = await Promise.all([
    findPostViews(db, page.map((r) => r.post_id), viewer),
    findThreadViews(db, [...new Set(page.map((r) => r.thread_id))]),
  ]);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const threadById = new Map(threads.map((t) => [t.id, t]));
  const items = page.flatMap((hit) => {
    const post = postById.get(hit.post_id);
    const thread = threadById.get(hit.thread_id);
    if (!post || !thread) return [];
    return [{ thread: toThreadDto(thread, viewer), post: toPostDto(post, viewer), snippetHtml: highlightSnippet(hit.snippet) }];
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor('s', [last.rank, last.post_id]) : null };
}
