/**
 * The browser harness: the real app on its own database, listening on a free port and serving
 * the built web app, and Debian's Chromium driven by playwright-core. Every page gets a CSP
 * violation recorder, a dialog trap and the `window.__pwned` canary check.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { expect } from './e2e-expect';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../api/app';
import { loadConfig } from '../../api/config';
import type { Role } from '../../api/db/schema';
import { seedBoards } from '../../api/db/seed';
import { createTestDatabase, type TestDatabase } from './database';

const repo = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = `${repo}tests/artifacts/screenshots`;

let built = false;
/** Builds web/dist once per run when the sources are newer (the same check `npm start` makes). */
export function ensureWebBuilt(): void {
  if (built) return;
  // Vitest sets NODE_ENV=test, which would make Vite pick Lit's development builds (twice the size).
  const result = spawnSync('npx', ['tsx', 'scripts/build-web-if-stale.ts'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('building the web app failed');
  built = true;
}

export interface E2EServer {
  app: FastifyInstance;
  database: TestDatabase;
  baseUrl: string;
  /** Sets a member's role straight in the database, as an operator would with the CLI. */
  setRole(pseudonym: string, role: Role): Promise<void>;
  /** Whether the API has this route yet (routes land on other branches over time). */
  has(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string): boolean;
  close(): Promise<void>;
}

export async function startServer(): Promise<E2EServer> {
  ensureWebBuilt();
  const database = await createTestDatabase();
  await seedBoards(database.db);
  const config = loadConfig({ NODE_ENV: 'test', HAVEN_RATE_LIMITS: 'off' }, { webDist: `${repo}web/dist` });
  const app = await buildApp(config, { database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  return {
    app,
    database,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async setRole(pseudonym, role) {
      await sql`update accounts set role = ${role} where lower(pseudonym) = ${pseudonym.toLowerCase()}`.execute(database.db);
    },
    has: (method, url) => app.hasRoute({ method, url }),
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * The setup every browser suite shares: starts the server and launches Chromium before the
 * suite's tests, hands both to `ready`, and closes them after the tests (whichever of the two
 * started). Call it inside the `describe`, before any hook that needs the server or browser.
 */
export function withServerAndBrowser(ready: (server: E2EServer, browser: Browser) => void): void {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ready(server, browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** CSP violations and console errors seen so far. */
  problems: string[];
  /** Dialogs (alert/confirm/prompt) a page tried to open: there must be none. */
  dialogs: string[];
  /** Every JavaScript response, with its gzipped size as served (or as gzip would make it). */
  scripts: { url: string; bytes: number; gzip: number }[];
  /** The addresses of JavaScript responses, recorded as they arrive (sizes follow later). */
  scriptUrls: string[];
  /** Size measurements still being read; await `measured(w)` before adding them up. */
  pending: Set<Promise<void>>;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** A fresh browser context (its own cookies) with the watchers attached. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? DESKTOP,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  // Init scripts are injected by the browser itself, not by the page, so the CSP does not block them.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const watched: Watched = { page, context, problems: [], dialogs: [], scripts: [], scriptUrls: [], pending: new Set() };
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of (401|404|409|422)/.test(text)) {
      watched.problems.push(`console: ${text}`);
    }
    if (/Content.Security.Policy/i.test(text)) watched.problems.push(`csp console: ${text}`);
  });
  page.on('pageerror', (error) => watched.problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('response', (response) => {
    const url = response.url();
    if (!url.endsWith('.js') || !url.startsWith(baseUrl)) return;
    watched.scriptUrls.push(url);
    const measuring = (async () => {
      try {
        const body = await response.body();
        watched.scripts.push({ url, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
      } catch {
        // A navigation can drop a response body before it is read; sizes are measured on stable pages.
      }
    })();
    watched.pending.add(measuring);
    void measuring.finally(() => watched.pending.delete(measuring));
  });
  return watched;
}

/** The JavaScript the page has loaded so far, once every size has been read. */
export async function measured(w: Watched): Promise<Watched['scripts']> {
  await Promise.all([...w.pending]);
  return w.scripts;
}

/** CSP violations recorded in the page plus console problems; must be empty. */
export async function problemsOf(w: Watched): Promise<string[]> {
  const csp = await w.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []);
  return [...w.problems, ...csp.map((c) => `csp: ${c}`)];
}

/** True when hostile content managed to run script: the canary is set or a dialog opened. */
export async function pwned(w: Watched): Promise<boolean> {
  const canary = await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined);
  return canary || w.dialogs.length > 0;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page. It is evaluated through the DevTools protocol, which the page's CSP
 * does not govern, so the audited page keeps its real policy.
 */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Waits until the app shows a page whose main heading matches `text`. */
export async function heading(page: Page, text: string | RegExp = /./): Promise<void> {
  await expect(page.locator('main h1').first()).toHaveText(text);
}

let counter = 0;
/** A pseudonym unique to this run. */
export function pseudonym(prefix = 'member'): string {
  counter += 1;
  return `${prefix}${process.pid % 10000}x${counter}`;
}

export const PASSWORD = 'a long enough password';

/** Joins through the real sign-up page; returns the recovery code it showed. */
export async function signUpInBrowser(page: Page, name: string, password = PASSWORD): Promise<string> {
  await page.goto('/signup');
  await page.getByLabel('Pseudonym').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Join' }).click();
  const code = page.getByLabel('Recovery code', { exact: true });
  await code.waitFor();
  return (await code.inputValue()).trim();
}

/**
 * Registers through the API within the page's context (so the browser holds the cookie), for
 * journeys where the sign-up form is not what is being tested.
 */
export async function signUpByApi(w: Watched, name: string, password = PASSWORD): Promise<{ csrfToken: string }> {
  const response = await w.context.request.post('/api/auth/register', { data: { pseudonym: name, password } });
  if (response.status() !== 201) throw new Error(`register ${name}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { csrfToken: string };
}

/** Sends an unsafe API request as the page's member (cookie from the context, CSRF from /api/me). */
export async function apiAs<T>(w: Watched, method: 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, data?: unknown): Promise<T> {
  const me = await w.context.request.get('/api/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await w.context.request.fetch(url, {
    method,
    headers: { 'x-csrf-token': csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  if (response.status() >= 300) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}
