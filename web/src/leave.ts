/**
 * "Leave quickly": for someone reading on a shared device who hears footsteps. `location.replace`
 * swaps this page out of the history, so Back does not return to Haven. Drafts stay in this
 * browser's storage, but nothing about them is on the neutral page.
 */
export const LEAVE_URL = 'https://www.google.com/search?q=weather+today';

export function leaveNow(): void {
  try {
    document.title = 'Weather';
    document.body.replaceChildren();
  } finally {
    window.location.replace(LEAVE_URL);
  }
}

/** Esc twice within this many milliseconds leaves; an Esc that closes a dialog only closes it. */
const DOUBLE_ESC_MS = 1000;

export function installEscapeTwice(): () => void {
  let last = 0;
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.repeat) return;
    // An Escape that closes an open dialog belongs to the dialog, not to "leave quickly": under
    // load Chromium was seen to count the one press that closed the flag dialog twice.
    if (event.composedPath().some((node) => node instanceof HTMLDialogElement && node.open)) {
      last = 0;
      return;
    }
    const now = performance.now();
    if (now - last < DOUBLE_ESC_MS) leaveNow();
    last = now;
  };
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}
