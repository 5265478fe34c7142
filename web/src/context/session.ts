import { createContext } from '@lit/context';
import type { User } from '../types';

/**
 * The signed-in member, shared through @lit/context from the app shell. `ready` is false until
 * GET /api/me has answered, so pages do not flash "please sign in" at a member who is signed in.
 * The CSRF token is not here: it lives in api.ts's memory only.
 */
export interface Session {
  ready: boolean;
  user: User | null;
  /** Store a fresh session from register/login/recover (user and its CSRF token). */
  signedIn(user: User, csrfToken: string): void;
  /** Forget the session locally (after logout, logout-everywhere, account deletion, or a 401). */
  signedOut(): void;
}

export const sessionContext = createContext<Session>(Symbol('haven-session'));

export const isModerator = (user: User | null): boolean => user?.role === 'moderator' || user?.role === 'admin';
