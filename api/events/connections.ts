import { AppError } from '../errors';

export interface ConnectionLimits {
  perAccount: number;
  perAddress: number;
  total: number;
}

/** Who holds a stream: a signed-in account, or (anonymous) a client address kept only in memory. */
export type ConnectionOwner = { account: string } | { address: string };

export interface Lease {
  release(): void;
}

const tooManyStreams = (message: string) =>
  new AppError(429, 'too_many_connections', message, { 'retry-after': '30' });

/**
 * Counts this process's open /api/events streams so one account (or one address, for anonymous
 * visitors) cannot hold more than its share, and the process never holds more than it can serve.
 */
export class ConnectionRegistry {
  readonly #limits: ConnectionLimits;
  readonly #byOwner = new Map<string, number>();
  readonly #closers = new Set<() => void>();
  #total = 0;

  constructor(limits: ConnectionLimits) {
    this.#limits = limits;
  }

  get size(): number {
    return this.#total;
  }

  /** Takes a place or throws 429; `close` ends the stream when the server shuts down. */
  acquire(owner: ConnectionOwner, close: () => void): Lease {
    const key = 'account' in owner ? `a:${owner.account}` : `ip:${owner.address}`;
    const limit = 'account' in owner ? this.#limits.perAccount : this.#limits.perAddress;
    const held = this.#byOwner.get(key) ?? 0;
    if (held >= limit) {
      throw tooManyStreams(`You already have ${held} live connections open. Close a tab and try again.`);
    }
    if (this.#total >= this.#limits.total) {
      throw tooManyStreams('The server is holding as many live connections as it can. Try again shortly.');
    }
    this.#byOwner.set(key, held + 1);
    this.#total += 1;
    this.#closers.add(close);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#closers.delete(close);
        this.#total -= 1;
        const left = (this.#byOwner.get(key) ?? 1) - 1;
        if (left <= 0) this.#byOwner.delete(key);
        else this.#byOwner.set(key, left);
      },
    };
  }

  /** Ends every stream (graceful shutdown: the server cannot close while they are open). */
  closeAll(): void {
    for (const close of [...this.#closers]) close();
  }
}
