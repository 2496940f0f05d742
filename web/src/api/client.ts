import type { ZodType } from 'zod';
import { ApiError, NETWORK_FAILURE, errorFromResponse } from './errors';
import { forgetToken, getToken } from './token';

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions<T> {
  query?: Query;
  body?: unknown;
  /** a file sent as its own bytes (attachments, CAP alerts) instead of a JSON body */
  file?: { data: ArrayBuffer; contentType: string; name?: string };
  /** checks the answer against the shared contract, so a server change shows as one clear error */
  schema?: ZodType<T>;
  signal?: AbortSignal;
}

const unauthorizedListeners = new Set<() => void>();

/** Called whenever a request that carried a token is answered 401: the session is gone. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function url(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: RequestOptions<T> = {}): Promise<T> {
  const token = getToken();
  // the server words what it composes (reasons, routes, messages) in the console's language
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang === 'en' ? 'en' : 'zh-CN' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.file) {
    headers['Content-Type'] = opts.file.contentType;
    if (opts.file.name !== undefined) headers['X-Filename'] = encodeURIComponent(opts.file.name);
  }

  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      body: opts.file ? opts.file.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(NETWORK_FAILURE, 'network', e instanceof Error ? e.message : String(e));
  }

  if (!res.ok) {
    const error = await errorFromResponse(res);
    // A 401 without a token is a failed sign-in, which the sign-in form reports itself; one for a
    // session this tab has already replaced (signed in again meanwhile) signs nobody out.
    if (res.status === 401 && token && forgetToken(token)) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;

  let data: unknown;
  try {
    data = await res.json();
  } catch {
    throw new ApiError(res.status, 'bad_response', `${method} ${path}: the answer is not JSON`);
  }
  if (!opts.schema) return data as T;
  const parsed = opts.schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : '';
    throw new ApiError(res.status, 'bad_response', `${method} ${path} answered an unexpected shape (${where})`, parsed.error.issues);
  }
  return parsed.data;
}
