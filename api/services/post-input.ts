import { unprocessable } from '../errors';
import { cleanLine, cleanText } from '../text';

/** The contract's limits, checked after cleaning so invisible characters neither count nor get stored. */
export const LIMITS = { title: 200, body: 20_000, contentWarning: 80 } as const;

export function cleanTitle(raw: string): string {
  const title = cleanLine(raw);
  if (title.length < 1 || title.length > LIMITS.title) {
    throw unprocessable('invalid_title', `A title is 1–${LIMITS.title} characters.`);
  }
  return title;
}

export function cleanBody(raw: string): string {
  const body = cleanText(raw);
  if (body.length < 1 || body.length > LIMITS.body) {
    throw unprocessable('invalid_body', `A post is 1–${LIMITS.body.toLocaleString('en')} characters.`);
  }
  return body;
}

/** null, absent or blank means no content warning. */
export function cleanContentWarning(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const warning = cleanLine(raw);
  if (warning.length === 0) return null;
  if (warning.length > LIMITS.contentWarning) {
    throw unprocessable('invalid_content_warning', `A content warning is at most ${LIMITS.contentWarning} characters.`);
  }
  return warning;
}
