import http from 'node:http';

export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
  retry: number | null;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The JSON body when the server refused the stream. */
  body: unknown;
  events: SseEvent[];
  comments: string[];
  /** Resolves once `count` events (other than `ready`) have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Data events only (without `ready`). */
  received(): SseEvent[];
  lastEventId(): string | null;
  closed: Promise<void>;
  close(): void;
}

/** A real HTTP client for /api/events (inject cannot stream), with an incremental SSE parser. */
export function openStream(
  baseUrl: string,
  options: { cookie?: string; lastEventId?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const url = new URL(`/api/events${options.query ? `?${options.query}` : ''}`, baseUrl);
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const request = http.get(url, { headers, agent: false }, (response) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let pending = '';
      let onClosed!: () => void;
      const closed = new Promise<void>((r) => (onClosed = r));
      response.on('close', () => {
        onClosed();
        for (const w of waiters) w();
      });
      const client: SseClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: null,
        events,
        comments,
        closed,
        received: () => events.filter((e) => e.event !== 'ready'),
        lastEventId: () => [...events].reverse().find((e) => e.id !== null)?.id ?? null,
        waitFor(count, timeoutMs = 5000) {
          return new Promise((ok, fail) => {
            const check = () => {
              const got = client.received();
              if (got.length >= count) {
                waiters.delete(check);
                clearTimeout(timer);
                ok(got);
              } else if (response.closed) {
                waiters.delete(check);
                clearTimeout(timer);
                fail(new Error(`stream closed after ${got.length} of ${count} events`));
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out with ${client.received().length} of ${count} events`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => {
          request.destroy();
        },
      };
      if (!String(response.headers['content-type']).startsWith('text/event-stream')) {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          client.body = text ? JSON.parse(text) : null;
          resolve(client);
        });
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) !== -1) {
          const block = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const event: SseEvent = { id: null, event: 'message', data: undefined, retry: null };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line.slice(1).trim());
              continue;
            }
            const colon = line.indexOf(':');
            const field = colon === -1 ? line : line.slice(0, colon);
            const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') data.push(value);
            else if (field === 'retry') event.retry = Number(value);
          }
          if (data.length > 0) {
            event.data = JSON.parse(data.join('\n'));
            events.push(event);
          }
        }
        for (const w of [...waiters]) w();
      });
      resolve(client);
    });
    request.on('error', reject);
  });
}
