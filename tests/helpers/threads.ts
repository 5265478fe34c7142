import type { LightMyRequestResponse } from 'fastify';
import type { TestMember } from './members';

export interface ThreadJson {
  id: string;
  title: string;
  status: string;
  replyCount: number;
  author: { name: string; kind: string; isOriginalPoster: boolean; role: string };
  contentWarning: string | null;
  board: { slug: string; name: string };
  createdAt: string;
  lastActivityAt: string;
}

export interface PostJson {
  id: string;
  threadId: string;
  bodyHtml: string;
  body?: string;
  status: string;
  statusReason?: string | null;
  contentWarning: string | null;
  mine: boolean;
  myReactions: string[];
  reactions: Record<string, number>;
  author: { name: string; kind: string; isOriginalPoster: boolean; role: string };
  editedAt: string | null;
}

function expectStatus(response: LightMyRequestResponse, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${response.statusCode} ${response.body}`);
}

/** Starts a thread through the API and returns its parts. */
export async function newThread(
  member: TestMember,
  options: { board?: string; title?: string; body?: string; contentWarning?: string; anonymous?: boolean } = {},
): Promise<{ thread: ThreadJson; post: PostJson; crisis: unknown }> {
  const { board = 'introductions', ...rest } = options;
  const response = await member.request({
    method: 'POST',
    url: `/api/boards/${board}/threads`,
    payload: { title: 'A story I carried', body: `Something I never told anyone ${Math.random()}`, ...rest },
  });
  expectStatus(response, 201, 'new thread');
  return response.json();
}

export async function reply(member: TestMember, threadId: string, body = `You are not alone ${Math.random()}`): Promise<PostJson> {
  const response = await member.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, payload: { body } });
  expectStatus(response, 201, 'reply');
  return response.json().post;
}
