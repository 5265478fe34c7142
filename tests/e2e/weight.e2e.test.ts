import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { fakePost, fakeThread, mockRoutes } from '../helpers/e2e-fixtures';
import { heading, measured, openPage, pseudonym, signUpByApi, withServerAndBrowser, type E2EServer, type Watched } from '../helpers/e2e';

/**
 * What a visitor downloads: the gzipped JavaScript of the first page and of a thread. The issue
 * asks for at most 25 KB on a thread. The reader-side second sanitising pass runs on the
 * browser's own HTML Sanitizer API, so DOMPurify (~11.5 KB) is not part of it (it loads only
 * where setHTML is missing), and the composer's markdown-it must never load for a reader.
 */
const THREAD_BUDGET = 25 * 1024;
const FIRST_PAGE_BUDGET = 16 * 1024;

describe('page weight', () => {
  let server: E2EServer;
  let browser: Browser;
  const report: Record<string, { gzip: number; files: number }> = {};

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  afterAll(async () => {
    mkdirSync('tests/artifacts', { recursive: true });
    writeFileSync('tests/artifacts/weight.json', JSON.stringify(report, null, 2));
    console.log('gzipped JavaScript per page:', report);
  });

  const total = async (w: Watched): Promise<number> => (await measured(w)).reduce((sum, s) => sum + s.gzip, 0);

  it('keeps the first page light', async () => {
    const w = await openPage(browser, server.baseUrl);
    await w.page.goto('/');
    await heading(w.page, 'Welcome to Haven');
    await w.page.waitForLoadState('networkidle');
    report['/ (first page)'] = { gzip: await total(w), files: w.scripts.length };
    expect(report['/ (first page)'].gzip).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
    await w.context.close();
  });

  for (const who of ['a signed-out reader', 'a signed-in member'] as const) {
    it(`keeps a thread light for ${who}, without the markdown renderer`, async () => {
      const w = await openPage(browser, server.baseUrl);
      if (who === 'a signed-in member') await signUpByApi(w, pseudonym('poplar'));
      const thread = fakeThread();
      await mockRoutes(w.context, [
        ['GET', new RegExp(`^/api/threads/${thread.id}$`), () => ({ json: { thread, items: [fakePost(thread)], nextCursor: null } })],
        ['GET', /^\/api\/notifications$/, () => ({ json: { items: [], nextCursor: null } })],
      ]);
      await w.page.goto(`/t/${thread.id}`);
      await heading(w.page, thread.title);
      await w.page.waitForLoadState('networkidle');
      const gzip = await total(w);
      report[`/t/:id (${who})`] = { gzip, files: w.scripts.length };
      expect(w.scriptUrls.some((url) => url.includes('markdown-preview'))).toBe(false);
      expect(w.scriptUrls.some((url) => url.includes('purify'))).toBe(false);
      if (who === 'a signed-out reader') expect(gzip).toBeLessThanOrEqual(THREAD_BUDGET);
      await w.context.close();
    });
  }
});
