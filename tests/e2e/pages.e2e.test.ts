import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  axeSerious,
  DESKTOP,
  heading,
  launchBrowser,
  openPage,
  PASSWORD,
  PHONE,
  problemsOf,
  pseudonym,
  screenshot,
  startServer,
  type E2EServer,
  type Watched,
} from '../helpers/e2e';

/**
 * Every page, at desktop and phone width, light and dark: rendered under the real CSP with no
 * violation, no serious or critical axe finding, and a screenshot for a person to look at.
 */
describe('every page', () => {
  let server: E2EServer;
  let browser: Browser;
  const members: Record<'member' | 'moderator' | 'admin', string> = { member: '', moderator: '', admin: '' };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    for (const role of ['member', 'moderator', 'admin'] as const) {
      const name = pseudonym({ member: 'willow', moderator: 'heron', admin: 'maple' }[role]);
      const response = await server.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: name, password: PASSWORD } });
      expect(response.statusCode).toBe(201);
      if (role !== 'member') await server.setRole(name, role);
      members[role] = name;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(w: Watched, name: string): Promise<void> {
    const response = await w.context.request.post('/api/auth/login', { data: { pseudonym: name, password: PASSWORD } });
    expect(response.status()).toBe(200);
  }

  const PAGES: { name: string; path: string; as?: keyof typeof members; heading: RegExp }[] = [
    { name: 'home', path: '/', heading: /Welcome to Haven/ },
    { name: 'board', path: '/b/anxiety-and-stress', heading: /Anxiety and stress/ },
    { name: 'board-unanswered', path: '/b/loneliness?sort=unanswered', heading: /Loneliness/ },
    { name: 'resources', path: '/resources', heading: /Help, right now/ },
    { name: 'signup', path: '/signup', heading: /Join Haven/ },
    { name: 'signin', path: '/signin', heading: /Sign in/ },
    { name: 'recover', path: '/recover', heading: /Recover your account/ },
    { name: 'not-found', path: '/no/such/page', heading: /could not find/ },
    { name: 'compose', path: '/b/grief-and-loss/new', as: 'member', heading: /Start a thread in Grief and loss/ },
    { name: 'account', path: '/account', as: 'member', heading: /Your account/ },
    { name: 'notifications', path: '/notifications', as: 'member', heading: /Notifications/ },
    { name: 'moderation', path: '/moderation', as: 'moderator', heading: /Moderation queue/ },
    { name: 'moderation-log', path: '/moderation/log', as: 'moderator', heading: /Moderation log/ },
    { name: 'admin', path: '/admin', as: 'admin', heading: /Admin/ },
  ];

  for (const target of PAGES) {
    it(`shows ${target.name} cleanly at every size and scheme`, async () => {
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const w = await openPage(browser, server.baseUrl, { viewport, colorScheme });
          try {
            if (target.as) await signIn(w, members[target.as]);
            await w.page.goto(target.path);
            await heading(w.page, target.heading);
            // Let fetches settle so the screenshot shows the page, not its loading state.
            await w.page.waitForLoadState('networkidle');
            await screenshot(w.page, `${target.name}-${size}-${colorScheme}`);
            if (size === 'desktop' || colorScheme === 'light') {
              expect(await axeSerious(w.page), `${target.name} ${size} ${colorScheme}`).toEqual([]);
            }
            const width = await w.page.evaluate(() => document.documentElement.scrollWidth);
            expect(width, `${target.name} fits ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
            expect(await problemsOf(w)).toEqual([]);
          } finally {
            await w.context.close();
          }
        }
      }
    });
  }
});
