/**
 * Routes of the app: the URL patterns and the lazily loaded page each one shows. The app shell
 * owns the History API; pages navigate with ordinary `<a href>` links (the shell intercepts
 * same-origin clicks) or by dispatching `navigate()`.
 */

export interface Route {
  name: RouteName;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type RouteName =
  | 'home'
  | 'board'
  | 'compose'
  | 'thread'
  | 'signup'
  | 'signin'
  | 'recover'
  | 'account'
  | 'notifications'
  | 'moderation'
  | 'moderation-log'
  | 'admin'
  | 'resources'
  | 'search'
  | 'not-found';

const PATTERNS: [RegExp, RouteName, string[]][] = [
  [/^\/$/, 'home', []],
  [/^\/b\/([a-z0-9-]+)\/new\/?$/, 'compose', ['slug']],
  [/^\/b\/([a-z0-9-]+)\/?$/, 'board', ['slug']],
  [/^\/t\/(\d+)\/?$/, 'thread', ['id']],
  [/^\/signup\/?$/, 'signup', []],
  [/^\/signin\/?$/, 'signin', []],
  [/^\/recover\/?$/, 'recover', []],
  [/^\/account\/?$/, 'account', []],
  [/^\/notifications\/?$/, 'notifications', []],
  [/^\/moderation\/?$/, 'moderation', []],
  [/^\/moderation\/log\/?$/, 'moderation-log', []],
  [/^\/admin\/?$/, 'admin', []],
  [/^\/resources\/?$/, 'resources', []],
  [/^\/search\/?$/, 'search', []],
];

export function match(location: { pathname: string; search: string }): Route {
  const query = new URLSearchParams(location.search);
  for (const [pattern, name, keys] of PATTERNS) {
    const found = pattern.exec(location.pathname);
    if (!found) continue;
    const params: Record<string, string> = {};
    keys.forEach((key, i) => (params[key] = decodeURIComponent(found[i + 1] ?? '')));
    return { name, params, query };
  }
  return { name: 'not-found', params: {}, query };
}

/** Asks the app shell to show another page (pushState), e.g. after a form is sent. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  window.dispatchEvent(new NavigateEvent(path, options.replace ?? false));
}

export class NavigateEvent extends Event {
  static readonly type = 'haven-navigate';
  constructor(
    readonly path: string,
    readonly replace: boolean,
  ) {
    super(NavigateEvent.type);
  }
}

declare global {
  interface WindowEventMap {
    'haven-navigate': NavigateEvent;
  }
}
