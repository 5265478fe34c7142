import { html, type TemplateResult } from 'lit';
import type { Task } from '@lit/task';
import { messageOf } from './api';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago" in the reader's language, with the exact time for hover and screen readers. */
export function when(iso: string | null | undefined): TemplateResult | string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = (date.getTime() - Date.now()) / 1000;
  let text = 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) {
      text = relative.format(Math.round(seconds / size), unit);
      break;
    }
  }
  return html`<time datetime=${date.toISOString()} title=${absolute.format(date)}>${text}</time>`;
}

/**
 * Only absolute https URLs may become links from data we did not write ourselves
 * (Lit escapes text but not the meaning of an href: `javascript:` would run).
 */
export function safeHttpsUrl(url: unknown): string | null {
  if (typeof url !== 'string' || !/^https:\/\/[^/\\\s]/i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The three states of a fetch, the same everywhere: a quiet "Loading", a kind error with a retry,
 * the content. With `keep`, a refresh (a live update) leaves the content on screen while the new
 * one loads, instead of blanking the page under the reader.
 */
export function taskView<T>(
  task: Task<readonly unknown[], T>,
  complete: (value: T) => unknown,
  what = 'this',
  options: { keep?: boolean } = {},
): unknown {
  return task.render({
    initial: () => html`<p class="muted" role="status">Loading ${what}…</p>`,
    pending: () =>
      options.keep && task.value !== undefined
        ? complete(task.value)
        : html`<p class="muted" role="status">Loading ${what}…</p>`,
    complete,
    error: (error) =>
      html`<div class="notice" role="alert">
        <p>${messageOf(error)}</p>
        <button class="quiet" @click=${() => void task.run()}>Try again</button>
      </div>`,
  });
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
