/**
 * A small `expect` for locators (playwright-core has no test runner and so no web-first
 * assertions): polls until the condition holds, with the last seen value in the failure.
 */
import type { Locator } from 'playwright-core';

const TIMEOUT = 10_000;

async function poll<T>(read: () => Promise<T>, ok: (value: T) => boolean, describe: (value: T | undefined) => string): Promise<void> {
  const until = Date.now() + TIMEOUT;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return;
    } catch {
      // The element may not exist yet.
    }
    if (Date.now() > until) throw new Error(describe(last));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const matches = (value: string | null | undefined, expected: string | RegExp): boolean =>
  typeof expected === 'string' ? (value ?? '').includes(expected) : expected.test(value ?? '');

export function expect(locator: Locator) {
  return {
    toHaveText: (expected: string | RegExp) =>
      poll(
        () => locator.textContent({ timeout: 1000 }),
        (v) => matches(v, expected),
        (v) => `expected ${locator} to have text ${expected}, last saw ${JSON.stringify(v)}`,
      ),
    toBeVisible: () =>
      poll(
        () => locator.isVisible(),
        (v) => v,
        () => `expected ${locator} to be visible`,
      ),
    toBeHidden: () =>
      poll(
        () => locator.isVisible(),
        (v) => !v,
        () => `expected ${locator} to be hidden`,
      ),
    toHaveAttribute: (name: string, expected: string) =>
      poll(
        () => locator.getAttribute(name, { timeout: 1000 }),
        (v) => v === expected,
        (v) => `expected ${locator} [${name}] to be ${expected}, last saw ${JSON.stringify(v)}`,
      ),
    toHaveCount: (count: number) =>
      poll(
        () => locator.count(),
        (v) => v === count,
        (v) => `expected ${locator} to match ${count} elements, saw ${v}`,
      ),
  };
}
