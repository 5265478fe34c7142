/**
 * The one way the web app talks to the server. It keeps the CSRF token in memory only (a page
 * reload asks GET /api/me for it again), sends it on every unsafe request, and turns the
 * contract's `{ error: { code, message } }` into an ApiError with a message fit to show a person.
 */

let csrfToken: string | null = null;

/** Called by the session provider whenever the server hands out a token (me, register, login, recover). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What we say when the server's own message is missing (a proxy error page, a dropped connection). */
function fallbackMessage(status: number): string {
  if (status === 0) return 'We could not reach Haven just now. Please check your connection and try again.';
  if (status === 401) return 'Please sign in first.';
  if (status === 403) return 'That is not something this account can do.';
  if (status === 404) return 'We could not find that. It may have been moved or removed.';
  if (status === 429) return 'That was a lot at once. Please wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again in a little while.';
  return 'That did not work. Please try again.';
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  idempotencyKey?: string;
}

const SAFE = new Set(['GET', 'HEAD']);

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', fallbackMessage(0));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
    const message = typeof error?.message === 'string' && error.message !== '' ? error.message : fallbackMessage(response.status);
    throw new ApiError(response.status, code, message);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, signal ? { signal } : {}),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
};

/** A message to show for any thrown value: ours carry the server's kind words, the rest get a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return fallbackMessage(500);
}

/** Encodes one path segment of an API URL built from route parameters or ids. */
export const seg = (value: string): string => encodeURIComponent(value);
