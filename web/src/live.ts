/**
 * Live updates: the tab's one EventSource on GET /api/events. Pages never open connections; they
 * subscribe to event types here (`onLive`) and say which threads are on screen (`watchThread`).
 *
 * - The stream is open while someone is signed in (notifications, the moderation queue) or a
 *   thread is on screen (its new replies); a signed-out visitor on the boards holds no connection.
 * - When the threads on screen or the session change, the stream is reopened with
 *   `?lastEventId=` so nothing that happened in between is lost; a dropped connection is resumed
 *   by EventSource itself with the Last-Event-ID header.
 * - `ready` with `resync: true` means events may have been missed: every listener of `resync`
 *   refetches what it shows.
 * - Events carry ids only; listeners refetch through the API, which applies its own visibility.
 */

export type LiveEventType = 'post.created' | 'notification' | 'queue.changed' | 'resync';
export type LiveHandler = (data: unknown) => void;

const EVENTS: readonly LiveEventType[] = ['post.created', 'notification', 'queue.changed'];
const MAX_THREADS = 20;

const handlers = new Map<LiveEventType, Set<LiveHandler>>();
/** Thread ids on screen, counted: two components may watch the same thread. */
const threads = new Map<string, number>();
/** Who the stream is for (null: nobody signed in). */
let member: string | null = null;
let source: EventSource | null = null;
let openFor = '';
let lastEventId: string | null = null;
let scheduled = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 3_000;

/** Listen for one kind of live event; returns the function that stops listening. */
export function onLive(type: LiveEventType, handler: LiveHandler): () => void {
  let set = handlers.get(type);
  if (!set) handlers.set(type, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}

/** Hands an event to its listeners. */
export function deliver(type: LiveEventType, data: unknown): void {
  for (const handler of handlers.get(type) ?? []) handler(data);
}

/** Receive `post.created` for this thread while it is on screen; returns the function that stops. */
export function watchThread(id: string): () => void {
  threads.set(id, (threads.get(id) ?? 0) + 1);
  schedule();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    const n = (threads.get(id) ?? 1) - 1;
    if (n > 0) threads.set(id, n);
    else threads.delete(id);
    schedule();
  };
}

/**
 * Called by the session provider whenever the session is known or changes. A stream carries the
 * rights of the cookie it was opened with, so signing in or out reopens it (a role change is
 * handled by the server, which ends the stream; EventSource then reconnects with the new rights).
 * Learning at start-up that a reader is signed out, as assumed, changes nothing.
 */
export function setLiveSession(pseudonym: string | null): void {
  if (pseudonym === member) return;
  member = pseudonym;
  openFor = '';
  schedule();
}

/** Changes made in one task (a page swap unwatches one thread and watches another) reconnect once. */
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    reconcile();
  });
}

function wantedUrl(): string | null {
  const ids = [...threads.keys()].slice(-MAX_THREADS);
  if (member === null && ids.length === 0) return null;
  const params = new URLSearchParams();
  if (ids.length > 0) params.set('threads', ids.join(','));
  const query = params.toString();
  return `/api/events${query ? `?${query}` : ''}`;
}

function close(): void {
  source?.close();
  source = null;
  openFor = '';
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
}

function reconcile(): void {
  const url = wantedUrl();
  if (url === null) {
    close();
    return;
  }
  if (source && openFor === url) return;
  close();
  open(url);
}

function open(url: string): void {
  const resumeFrom = lastEventId;
  const full = resumeFrom === null ? url : `${url}${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(resumeFrom)}`;
  const es = new EventSource(full);
  source = es;
  openFor = url;
  es.addEventListener('ready', (event) => {
    retryDelay = 3_000;
    if ((parse(event) as { resync?: unknown } | null)?.resync === true) deliver('resync', null);
  });
  for (const type of EVENTS) {
    es.addEventListener(type, (event) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
      deliver(type, parse(event));
    });
  }
  es.addEventListener('error', () => {
    // EventSource retries by itself after a dropped connection; it gives up (CLOSED) on an HTTP
    // error such as 429 (too many streams) or a server that is restarting. Try again later, gently.
    if (es !== source || es.readyState !== EventSource.CLOSED) return;
    source = null;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      openFor = '';
      reconcile();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60_000);
  });
}

function parse(event: Event): unknown {
  try {
    return JSON.parse((event as MessageEvent<string>).data);
  } catch {
    return null;
  }
}
