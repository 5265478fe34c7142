import type { Crisis } from './types';

/**
 * The composer creates a thread, then the thread page opens; a crisis answer must survive that
 * one navigation so the author sees the resources at once. Memory only, taken exactly once.
 */
let pending: { threadId: string; crisis: Crisis } | null = null;

export function handOffCrisis(threadId: string, crisis: Crisis): void {
  pending = { threadId, crisis };
}

export function takeCrisis(threadId: string): Crisis | null {
  if (pending?.threadId !== threadId) return null;
  const { crisis } = pending;
  pending = null;
  return crisis;
}
