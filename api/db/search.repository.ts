import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import { SNIPPET_HEADLINE_OPTIONS } from '../markdown/render';

type Db = Kysely<Database> | Transaction<Database>;

export interface SearchRow {
  post_id: string;
  thread_id: string;
  rank: number;
  snippet: string;
}

/**
 * Full-text search over published posts in published threads, best match first, keyset-paginated
 * on (rank, id). The inner query ranks and limits using the GIN index; ts_headline, which re-parses
 * the text, runs only on the rows of the page.
 */
export async function searchPosts(
  db: Db,
  q: { text: string; boardId: string | null; after: readonly [number, string] | null; limit: number },
): Promise<SearchRow[]> {
  const query = sql`websearch_to_tsquery('english', ${q.text})`;
  const rank = sql`ts_rank(p.search, ${query})::float8`;
  const result = await sql<SearchRow>`
    select hits.id::text as post_id, hits.thread_id::text as thread_id, hits.rank,
           ts_headline('english', coalesce(p.body_md, ''), ${query}, ${SNIPPET_HEADLINE_OPTIONS}) as snippet
    from (
      select p.id, p.thread_id, ${rank} as rank
      from posts p
      join threads t on t.id = p.thread_id
      where p.search @@ ${query}
        and p.status = 'published'
        and t.status = 'published'
        ${q.boardId === null ? sql`` : sql`and t.board_id = ${q.boardId}`}
        ${q.after === null ? sql`` : sql`and (${rank} < ${q.after[0]}::float8 or (${rank} = ${q.after[0]}::float8 and p.id < ${q.after[1]}::bigint))`}
      order by rank desc, p.id desc
      limit ${q.limit + 1}
    ) hits
    join posts p on p.id = hits.id
    order by hits.rank desc, hits.id desc`.execute(db);
  return result.rows.map((r) => ({ ...r, rank: Number(r.rank) }));
}
