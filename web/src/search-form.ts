import { navigate } from './router';

/** The address of a search: `/search?q=…&board=…`, so a search is a deep link that Back returns to. */
export function searchPath(q: string, board = ''): string {
  const params = new URLSearchParams({ q: q.trim() });
  if (board) params.set('board', board);
  return `/search?${params.toString()}`;
}

/**
 * Submit handler for every search form (`q`, optional `board`): the form is an ordinary GET to
 * /search, and with the app running it goes through the router instead of reloading the page.
 */
export function onSearchSubmit(event: SubmitEvent): void {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  const q = String(data.get('q') ?? '');
  if (!q.trim()) {
    ((event.target as HTMLFormElement).querySelector('[name="q"]') as HTMLInputElement | null)?.focus();
    return;
  }
  navigate(searchPath(q, String(data.get('board') ?? '')));
}
