import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  axeSerious,
  DESKTOP,
  heading,
  openPage,
  PASSWORD,
  PHONE,
  problemsOf,
  pseudonym,
  screenshot,
  withServerAndBrowser,
  type E2EServer,
  type Watched,
} from '../helpers/e2e';

/**
 * Every page, at desktop and phone width, light and dark: rendered under the real CSP with no
 * violation, no serious or critical axe finding, and a screenshot for a person to look at. The
 * data is seeded through the real API first (threads, replies, reactions, a content warning,
 * flags, a moderator's decision), so the screenshots show pages in use rather than empty states.
 */
describe('every page', () => {
  let server: E2EServer;
  let browser: Browser;
  const members: Record<'member' | 'moderator' | 'admin', string> = { member: '', moderator: '', admin: '' };
  const seeded = { thread: '' };

  type As = <T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => Promise<T>;
  /** Registers a member through the API and returns a caller that acts as them (cookie and CSRF token). */
  async function register(name: string): Promise<As> {
    const response = await server.app.inject({ method: 'POST', url: '/api/auth/register', payload: { pseudonym: name, password: PASSWORD } });
    expect(response.statusCode).toBe(201);
    const cookie = response.cookies.find((c) => c.name === 'haven_session');
    const { csrfToken } = response.json<{ csrfToken: string }>();
    return async <T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> => {
      const r = await server.app.inject({
        method,
        url,
        headers: { 'x-csrf-token': csrfToken },
        cookies: { haven_session: cookie?.value ?? '' },
        ...(payload ? { payload } : {}),
      });
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
      return r.json<T>();
    };
  }

  type Created = { thread: { id: string }; post: { id: string } };

  /** A few weeks of an ordinary board, in miniature. */
  async function seed(as: Record<keyof typeof members, As>, friend: As): Promise<void> {
    const { member, moderator } = as;
    const t1 = await member<Created>('POST', '/api/boards/anxiety-and-stress/threads', {
      title: 'Panic on the train this morning',
      body: 'It came out of nowhere again. I got off two stops early and sat on a bench until it passed.\n\nDoes anyone have a trick that **actually** helps in the moment?',
      contentWarning: 'panic attack, physical symptoms',
    });
    seeded.thread = t1.thread.id;
    const r1 = await friend<{ post: { id: string } }>('POST', `/api/threads/${t1.thread.id}/posts`, {
      body: 'Breathing out for longer than in helps me: in for four, out for six. And well done for getting off and looking after yourself.',
    });
    await moderator('POST', `/api/threads/${t1.thread.id}/posts`, {
      body: 'Some people here find [grounding exercises](https://www.nhs.uk/mental-health/self-help/guides-tools-and-activities/breathing-exercises-for-stress/) useful: name five things you can see, four you can hear.',
    });
    await member('POST', `/api/threads/${t1.thread.id}/posts`, { body: 'Thank you both. I will try the longer out-breath tomorrow.' });
    for (const kind of ['hug', 'strength']) await friend('PUT', `/api/posts/${t1.post.id}/reactions/${kind}`);
    await moderator('PUT', `/api/posts/${t1.post.id}/reactions/hug`);
    await member('PUT', `/api/posts/${r1.post.id}/reactions/thanks`);

    await friend<Created>('POST', '/api/boards/anxiety-and-stress/threads', {
      title: 'Exams in three weeks',
      body: 'I cannot sleep for thinking about them. How do you switch off at night?',
    });
    await friend<Created>('POST', '/api/boards/loneliness/threads', {
      title: 'New city, no friends yet',
      body: 'Moved for work two months ago. Evenings are very quiet.',
      anonymous: true,
    });
    const t4 = await member<Created>('POST', '/api/boards/loneliness/threads', {
      title: 'Does it get easier?',
      body: 'My best friend moved abroad and I feel like I have nobody to text.',
    });
    // The queue: a crisis flag on top, spam and harassment below; and a removal for the log
    // and for its author's notifications.
    await friend('POST', `/api/posts/${t4.post.id}/flags`, { reason: 'crisis', note: 'They sound very alone.' });
    const spam = await friend<Created>('POST', '/api/boards/anxiety-and-stress/threads', {
      title: 'Calm guaranteed',
      body: 'Try my supplements, message me for the price, results in a week.',
    });
    await member('POST', `/api/posts/${spam.post.id}/flags`, { reason: 'spam', note: 'Selling things.' });
    const harsh = await friend<{ post: { id: string } }>('POST', `/api/threads/${t4.thread.id}/posts`, { body: 'Maybe stop moaning and go out more.' });
    await member('POST', `/api/posts/${harsh.post.id}/flags`, { reason: 'harassment', note: 'This felt unkind.' });
    const doses = await member<{ post: { id: string } }>('POST', `/api/threads/${t1.thread.id}/posts`, {
      body: 'What works for me is doubling my tablets on bad days.',
    });
    await friend('POST', `/api/posts/${doses.post.id}/flags`, { reason: 'harmful' });
    const queue = await moderator<{ items: { id: string; version: number; post: { id: string } }[] }>('GET', '/api/moderation/queue');
    const item = queue.items.find((i) => i.post.id === doses.post.id);
    if (!item) throw new Error('the flagged post is not in the queue');
    const claimed = await moderator<{ version: number }>('POST', `/api/moderation/items/${item.id}/claim`);
    await moderator('POST', `/api/moderation/items/${item.id}/decision`, {
      action: 'remove',
      reason: 'Please do not share medication doses here: what is safe for one person can harm another.',
      version: claimed.version,
    });
  }

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  beforeAll(async () => {
    const as = {} as Record<keyof typeof members, As>;
    for (const role of ['member', 'moderator', 'admin'] as const) {
      const name = pseudonym({ member: 'willow', moderator: 'heron', admin: 'maple' }[role]);
      as[role] = await register(name);
      if (role !== 'member') await server.setRole(name, role);
      members[role] = name;
    }
    await seed(as, await register(pseudonym('alder')));
  });

  async function signIn(w: Watched, name: string): Promise<void> {
    const response = await w.context.request.post('/api/auth/login', { data: { pseudonym: name, password: PASSWORD } });
    expect(response.status()).toBe(200);
  }

  const PAGES: { name: string; path: string | (() => string); as?: keyof typeof members; heading: RegExp }[] = [
    { name: 'home', path: '/', heading: /Welcome to Haven/ },
    { name: 'board', path: '/b/anxiety-and-stress', heading: /Anxiety and stress/ },
    { name: 'thread-seeded', path: () => `/t/${seeded.thread}`, as: 'member', heading: /Panic on the train/ },
    { name: 'board-unanswered', path: '/b/loneliness?sort=unanswered', heading: /Loneliness/ },
    { name: 'resources', path: '/resources', heading: /Help, right now/ },
    { name: 'search', path: '/search?q=breathing', heading: /Search/ },
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
            await w.page.goto(typeof target.path === 'string' ? target.path : target.path());
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
