/**
 * Contract-shaped data (shared/API.md) for browser tests of pages whose API routes have not
 * landed yet, or to show the page a response the real server would never send (raw hostile HTML
 * standing in for a compromised server). Served with `mockRoutes`, in the browser, so the real
 * app still answers everything else.
 */
import type { BrowserContext, Request } from 'playwright-core';
import type { Post, QueueItem, Thread } from '../../web/src/types';

let next = 100;
const id = (): string => String((next += 1));
const now = new Date().toISOString();

export function fakeThread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: id(),
    board: { slug: 'grief-and-loss', name: 'Grief and loss' },
    title: 'The first winter without her',
    author: { name: 'willow', kind: 'member', isOriginalPoster: true, role: 'member' },
    contentWarning: null,
    status: 'published',
    createdAt: now,
    lastActivityAt: now,
    replyCount: 1,
    ...overrides,
  };
}

export function fakePost(thread: Thread, overrides: Partial<Post> = {}): Post {
  return {
    id: id(),
    threadId: thread.id,
    author: { name: 'heron', kind: 'member', isOriginalPoster: false, role: 'member' },
    bodyHtml: '<p>I am so sorry. The first year is the hardest; be gentle with yourself.</p>',
    contentWarning: null,
    status: 'published',
    statusReason: null,
    createdAt: now,
    editedAt: null,
    reactions: { hug: 2, relate: 1, thanks: 0, strength: 0 },
    myReactions: [],
    mine: false,
    ...overrides,
  };
}

export function fakeItem(thread: Thread, post: Post, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: id(),
    version: 1,
    post,
    thread,
    reasons: [{ reason: 'harassment', count: 2, notes: ['This felt targeted at the OP.'] }],
    automatic: ['new-member-links'],
    status: 'open',
    crisis: false,
    claimedBy: null,
    createdAt: now,
    decision: null,
    decisionReason: null,
    appealNote: null,
    authorHistory: { accountAgeDays: 3, removedPosts: 0 },
    editHistory: [],
    ...overrides,
  };
}

export type Handler = (request: Request) => { status?: number; json?: unknown } | undefined;

/** Answers `METHOD /path` (regexp on the path) in the browser; other requests reach the server. */
export async function mockRoutes(context: BrowserContext, routes: [string, RegExp, Handler][]): Promise<Request[]> {
  const seen: Request[] = [];
  await context.route(
    (url) => url.pathname.startsWith('/api/'),
    async (route) => {
      const request = route.request();
      const path = new URL(request.url()).pathname;
      const found = routes.find(([method, pattern]) => method === request.method() && pattern.test(path));
      if (!found) return route.fallback();
      seen.push(request);
      const answer = found[2](request) ?? {};
      const status = answer.status ?? 200;
      return route.fulfill(
        status === 204
          ? { status }
          : { status, contentType: 'application/json', body: JSON.stringify(answer.json ?? {}) },
      );
    },
  );
  return seen;
}
