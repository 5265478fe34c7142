/**
 * The seam for live updates (GET /api/events, Server-Sent Events), which another issue builds.
 * Pages subscribe to event types here and never open connections themselves, so switching the
 * stream on later touches this file only. Until then nothing connects and nothing is delivered;
 * pages refresh after their own actions instead.
 */

export type LiveEventType = 'post.created' | 'notification' | 'queue.changed';
export type LiveHandler = (data: unknown) => void;

const handlers = new Map<LiveEventType, Set<LiveHandler>>();

/** Listen for one kind of live event; returns the function that stops listening. */
export function onLive(type: LiveEventType, handler: LiveHandler): () => void {
  let set = handlers.get(type);
  if (!set) handlers.set(type, (set = new Set()));
  set.add(handler);
  return () => set.delete(handler);
}

/** Hands an event to its listeners (the future EventSource calls this; tests may too). */
export function deliver(type: LiveEventType, data: unknown): void {
  for (const handler of handlers.get(type) ?? []) handler(data);
}

/**
 * Starts the stream for a signed-in member. Not connected yet: GET /api/events has not landed,
 * and a failing EventSource retries forever and fills the console.
 */
export function startLive(): void {
  // Intentionally empty until /api/events exists; see the file comment.
}
