import type { RouteName } from './router';

/**
 * One lazy chunk per page, so a reader of a thread downloads the thread page only, never the
 * moderation queue or the composer's markdown pipeline.
 */
export const PAGE_LOADERS: Record<RouteName, () => Promise<unknown>> = {
  home: () => import('./components/haven-home'),
  board: () => import('./components/haven-board'),
  compose: () => import('./components/haven-compose-page'),
  thread: () => import('./components/haven-thread'),
  signup: () => import('./components/haven-signup'),
  signin: () => import('./components/haven-signin'),
  recover: () => import('./components/haven-recover'),
  account: () => import('./components/haven-account'),
  notifications: () => import('./components/haven-notifications'),
  moderation: () => import('./components/haven-moderation'),
  'moderation-log': () => import('./components/haven-moderation-log'),
  admin: () => import('./components/haven-admin'),
  resources: () => import('./components/haven-resources'),
  search: () => import('./components/haven-search'),
  'not-found': () => Promise.resolve(),
};

export const PAGE_TITLES: Record<RouteName, string> = {
  home: 'Boards',
  board: 'Board',
  compose: 'Start a thread',
  thread: 'Thread',
  signup: 'Join',
  signin: 'Sign in',
  recover: 'Recover your account',
  account: 'Your account',
  notifications: 'Notifications',
  moderation: 'Moderation queue',
  'moderation-log': 'Moderation log',
  admin: 'Admin',
  resources: 'Help right now',
  search: 'Search',
  'not-found': 'Not found',
};
