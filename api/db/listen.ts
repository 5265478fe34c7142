import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

export interface ListenOptions {
  /** Called for every notification and after every (re)connection, so the caller can catch up. */
  onWake(): void;
  /** Connection trouble, for the operator's log; listening carries on (with backoff) regardless. */
  onTrouble?(message: string, error: unknown): void;
}

export interface Listening {
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * LISTEN on the real server needs a connection of its own: a pooled connection is handed to
 * other queries and would lose the subscription. When it drops we reconnect with backoff and
 * call onWake, so the caller reads whatever was committed while we were away.
 */
export async function listenOnServer(url: string, channel: string, options: ListenOptions): Promise<Listening> {
  if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = 100;

  const schedule = () => {
    if (closed || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, 10_000);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'haven-listener' });
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      if (client === next) client = null;
      next.removeAllListeners('notification');
      void next.end().catch(() => undefined);
      if (!closed) {
        options.onTrouble?.('event listener connection lost; reconnecting', error);
        schedule();
      }
    };
    next.on('error', fail);
    next.on('end', () => fail(new Error('connection ended')));
    next.on('notification', (message) => {
      if (message.channel === channel) options.onWake();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      fail(error);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delay = 100;
    options.onWake();
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}

/** Embedded PGlite has one process and one connection; its own listen() fires after commit. */
export async function listenOnPglite(pglite: PGlite, channel: string, options: ListenOptions): Promise<Listening> {
  if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
  const unlisten = await pglite.listen(channel, () => options.onWake());
  options.onWake();
  return {
    async close() {
      if (!pglite.closed) await unlisten();
    },
  };
}
