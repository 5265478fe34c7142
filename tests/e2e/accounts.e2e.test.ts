import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expect as see } from '../helpers/e2e-expect';
import { heading, openPage, PASSWORD, problemsOf, pseudonym, screenshot, signUpInBrowser, withServerAndBrowser, type E2EServer } from '../helpers/e2e';

/** The element that has focus, looking through shadow roots. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active ? `${active.tagName.toLowerCase()}:${active.textContent?.trim().slice(0, 60) ?? ''}` : '';
  });
}

describe('accounts in the browser', () => {
  let server: E2EServer;
  let browser: Browser;

  withServerAndBrowser((s, b) => {
    server = s;
    browser = b;
  });

  it('joins, shows the recovery code once with copy and download, and keeps the CSRF token out of storage', async () => {
    const w = await openPage(browser, server.baseUrl);
    const name = pseudonym('fern');
    const code = await signUpInBrowser(w.page, name);
    expect(code.length).toBeGreaterThan(10);
    await see(w.page.getByText('no e-mail recovery')).toBeVisible();
    await see(w.page.getByRole('button', { name: 'Copy the code' })).toBeVisible();
    await see(w.page.getByRole('link', { name: 'Download as a file' })).toHaveAttribute('download', 'haven-recovery-code.txt');
    await screenshot(w.page, 'signup-recovery-code-desktop-light');
    await see(w.page.getByRole('link', { name })).toBeVisible();

    const stored = await w.page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    const me = (await (await w.context.request.get('/api/me')).json()) as { csrfToken: string };
    expect(stored).not.toContain(me.csrfToken);
    expect(await w.page.evaluate(() => document.cookie)).not.toContain('haven_session');

    // A reload asks the server again; the member is still signed in.
    await w.page.reload();
    await see(w.page.getByRole('link', { name })).toBeVisible();
    await w.page.getByRole('button', { name: 'I have kept it somewhere safe' }).isVisible();
    expect(await problemsOf(w)).toEqual([]);
    await w.context.close();
  });

  it('signs out, then signs back in and returns to where the member was going', async () => {
    const w = await openPage(browser, server.baseUrl);
    const name = pseudonym('birch');
    await signUpInBrowser(w.page, name);
    await w.page.getByRole('link', { name }).click();
    await heading(w.page, 'Your account');
    await w.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await see(w.page.getByRole('link', { name: 'Sign in' })).toBeVisible();

    await w.page.goto('/signin?next=%2Fresources');
    await w.page.getByLabel('Pseudonym').fill(name);
    await w.page.getByLabel('Password').fill('not the password at all');
    await w.page.getByRole('button', { name: 'Sign in' }).click();
    await see(w.page.getByRole('alert')).toBeVisible();
    await w.page.getByLabel('Password').fill(PASSWORD);
    await w.page.getByRole('button', { name: 'Sign in' }).click();
    await heading(w.page, 'Help, right now');
    await see(w.page.getByRole('link', { name })).toBeVisible();
    expect(await problemsOf(w)).toEqual([]);
    await w.context.close();
  });

  it('recovers with the recovery code and shows a new one', async () => {
    const w = await openPage(browser, server.baseUrl);
    const name = pseudonym('rowan');
    const code = await signUpInBrowser(w.page, name);
    await w.page.goto('/account');
    await w.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await see(w.page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await w.page.goto('/recover');
    await w.page.getByLabel('Pseudonym').fill(name);
    await w.page.getByLabel('Recovery code', { exact: true }).fill(code);
    await w.page.getByLabel('New password').fill('another long password');
    await w.page.getByRole('button', { name: 'Recover my account' }).click();
    await heading(w.page, 'You are back in');
    const fresh = (await w.page.getByLabel('Recovery code', { exact: true }).inputValue()).trim();
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(code);
    expect(await problemsOf(w)).toEqual([]);
    await w.context.close();
  });

  it('moves focus to the new page heading and lets the keyboard reach the content first', async () => {
    const w = await openPage(browser, server.baseUrl);
    await w.page.goto('/');
    await heading(w.page, 'Welcome to Haven');
    await w.page.keyboard.press('Tab');
    expect(await focused(w.page)).toBe('a:Skip to content');
    await w.page.getByRole('link', { name: 'Need help now?' }).click();
    await heading(w.page, 'Help, right now');
    expect(await focused(w.page)).toBe('h1:Help, right now');
    await w.page.goBack();
    await heading(w.page, 'Welcome to Haven');
    expect(new URL(w.page.url()).pathname).toBe('/');
    await w.page.goForward();
    await heading(w.page, 'Help, right now');
    await w.context.close();
  });

  for (const how of ['the button', 'Escape twice'] as const) {
    it(`leaves quickly with ${how}, replacing the page so Back does not return`, async () => {
      const w = await openPage(browser, server.baseUrl);
      const requested: string[] = [];
      await w.context.route('https://www.google.com/**', (route) => {
        requested.push(route.request().url());
        return route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' });
      });
      await w.page.goto('/resources');
      await heading(w.page, 'Help, right now');
      const before = await w.page.evaluate(() => history.length);
      if (how === 'the button') await w.page.getByRole('button', { name: /Leave quickly/ }).click();
      else {
        await w.page.keyboard.press('Escape');
        await w.page.keyboard.press('Escape');
      }
      await w.page.waitForURL(/google\.com/);
      expect(requested[0]).toMatch(/^https:\/\/www\.google\.com\/search/);
      expect(await w.page.evaluate(() => history.length)).toBe(before);
      await w.context.close();
    });
  }

  it('downloads the account data, then signs out everywhere, ending the other sessions too', async () => {
    const w = await openPage(browser, server.baseUrl);
    const name = pseudonym('cedar');
    await signUpInBrowser(w.page, name);
    const other = await openPage(browser, server.baseUrl);
    const login = await other.context.request.post('/api/auth/login', { data: { pseudonym: name, password: PASSWORD } });
    expect(login.status()).toBe(200);

    await w.page.goto('/account');
    await heading(w.page, 'Your account');
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toBe('haven-export.json');
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported).toContain(name);
    await see(w.page.getByText(/Your data is downloading/)).toBeVisible();

    await w.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await see(w.page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    expect((await other.context.request.get('/api/me')).status()).toBe(401);
    expect(await problemsOf(w)).toEqual([]);
    await w.context.close();
    await other.context.close();
  });

  it('deletes the account with its password', async () => {
    const w = await openPage(browser, server.baseUrl);
    const name = pseudonym('aspen');
    await signUpInBrowser(w.page, name);
    await w.page.goto('/account');
    await heading(w.page, 'Your account');
    await w.page.getByText('I want to delete my account').click();
    await w.page.getByLabel('Your password, to confirm').fill(PASSWORD);
    await w.page.getByRole('button', { name: 'Delete my account for good' }).click();
    await see(w.page.getByRole('link', { name: 'Join' })).toBeVisible();
    const login = await w.context.request.post('/api/auth/login', { data: { pseudonym: name, password: PASSWORD } });
    expect(login.status()).toBe(401);
    await w.context.close();
  });
});
