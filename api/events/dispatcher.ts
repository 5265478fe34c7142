import type { HavenEvent, StoredEvent } from './types';

export type EventListener = (event: HavenEvent, id: string) => void;

export interface DispatcherOptions {
  /** Reads the log after `afterId`: the events (unknown types left out) and the last row's id. */
  read(afterId: string, limit: number): Promise<{ rows: StoredEvent[]; lastId: string | null; scanned: number }>;
  onError(error: unknown): void;
  batchSize?: number;
}

/**
 * One per process: follows the event log with a cursor and hands each event, once and in id
 * order, to this process's subscribers (its SSE streams). Wake-ups (a NOTIFY, a local publish,
 * a reconnection, a periodic sweep) are coalesced: while a read is running, more wake-ups just
 * ask for one more read. Reading from a cursor rather than trusting NOTIFY payloads is what
 * makes a lost notification or a dropped listener connection harmless.
 */
export class EventDispatcher {
  readonly #options: DispatcherOptions;
  readonly #listeners = new Set<EventListener>();
  #cursor: bigint;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(startAfter: string, options: DispatcherOptions) {
    this.#cursor = BigInt(startAfter);
    this.#options = options;
  }

  get cursor(): string {
    return this.#cursor.toString();
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }

  /** Resolves once everything committed before the call has been handed out (tests, publish). */
  wake(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  stop(): Promise<void> {
    this.#stopped = true;
    return this.#running ?? Promise.resolve();
  }

  async #drain(): Promise<void> {
    const limit = this.#options.batchSize ?? 500;
    do {
      this.#again = false;
      try {
        for (;;) {
          const { rows, lastId, scanned } = await this.#options.read(this.#cursor.toString(), limit);
          if (this.#stopped) return;
          for (const { id, event } of rows) this.#deliver(event, id);
          if (lastId !== null) this.#cursor = BigInt(lastId);
          if (lastId === null || scanned < limit) break;
        }
      } catch (error) {
        // The next wake-up (the periodic sweep at the latest) retries from the same cursor.
        if (!this.#stopped) this.#options.onError(error);
        return;
      }
    } while (this.#again && !this.#stopped);
  }

  #deliver(event: HavenEvent, id: string): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, id);
      } catch (error) {
        this.#options.onError(error);
      }
    }
  }
}
