/**
 * Drafts live in localStorage so a half-written post survives a reload or a dropped connection.
 * Only drafts: never the session, the CSRF token or anything about the account.
 */
export interface Draft {
  title?: string;
  body: string;
  contentWarning: string;
  anonymous?: boolean;
}

const PREFIX = 'haven:draft:';

export function loadDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Draft>;
    return {
      title: typeof value.title === 'string' ? value.title : '',
      body: typeof value.body === 'string' ? value.body : '',
      contentWarning: typeof value.contentWarning === 'string' ? value.contentWarning : '',
      anonymous: value.anonymous === true,
    };
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    if (!draft.body && !draft.title && !draft.contentWarning) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(draft));
  } catch {
    // Storage can be full or disabled (private windows); the draft is then kept only on screen.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // See saveDraft.
  }
}
