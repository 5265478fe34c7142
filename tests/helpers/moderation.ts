import { expect } from 'vitest';
import type { TestMember } from './members';

export interface QueueItemJson {
  id: string;
  version: number;
  status: string;
  crisis: boolean;
  weight: number;
  claimedBy: string | null;
  appealNote: string | null;
  reasons: { reason: string; count: number; notes: string[] }[];
  automatic: string[];
  post: { id: string; status: string; bodyHtml: string; body?: string; author: { name: string; kind: string } };
  thread: { id: string; title: string; status: string; board: { slug: string; name: string }; author: { name: string; kind: string } };
  authorHistory: { accountAgeDays: number | null; removedPosts: number };
  editHistory: { body: string; editedAt: string }[];
}

export async function flag(member: TestMember, postId: string, reason = 'other', note?: string) {
  return member.request({ method: 'POST', url: `/api/posts/${postId}/flags`, payload: note === undefined ? { reason } : { reason, note } });
}

/** Every item of a queue, following the cursor to the end. */
export async function wholeQueue(moderator: TestMember, status = 'open', limit = 100): Promise<QueueItemJson[]> {
  const items: QueueItemJson[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const query: string = `status=${status}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await moderator.request({ method: 'GET', url: `/api/moderation/queue?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ items: QueueItemJson[]; nextCursor: string | null }>();
    items.push(...body.items);
    cursor = body.nextCursor;
    if (cursor === null) return items;
  }
  throw new Error('queue pagination did not end');
}

export async function itemForPost(moderator: TestMember, postId: string, status = 'open'): Promise<QueueItemJson> {
  const item = (await wholeQueue(moderator, status)).find((i) => i.post.id === postId);
  if (!item) throw new Error(`no ${status} item for post ${postId}`);
  return item;
}

export async function decide(moderator: TestMember, item: { id: string; version: number }, action: string, reason?: string) {
  return moderator.request({
    method: 'POST',
    url: `/api/moderation/items/${item.id}/decision`,
    payload: { action, version: item.version, ...(reason !== undefined && { reason }) },
  });
}
