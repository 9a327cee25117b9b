/** The staff app's HTTP client: JSON in and out, API errors as `ApiError`, a session that expired announced once. */

/** An error answered by the API (or the network), with the server's field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();

/** Be told when a request comes back 401 (the session expired or was ended elsewhere). */
export function onSessionExpired(fn: Listener): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

// Logins so far: a 401 to a request sent before the latest one is about the old session, not the new one.
let sessionEpoch = 0;
/** Say a new session began (a login): answers to requests sent before it no longer mean it expired. */
export function sessionRenewed(): void {
  sessionEpoch++;
}

let lang: 'zh' | 'en' = 'zh';
/** The language the server should answer errors in. */
export function setApiLanguage(l: 'zh' | 'en'): void {
  lang = l;
}

/** Call the API. Throws ApiError with the server's message (or a network message) on failure. */
export async function api<T>(method: string, url: string, body?: unknown, opts: { silent401?: boolean; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  const epoch = sessionEpoch;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      signal: opts.signal,
      credentials: 'same-origin',
      headers: {
        'accept-language': lang === 'en' ? 'en' : 'zh-CN',
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch (e) {
    // A request the caller cancelled (a newer one replaced it) is not a network error: the caller ignores it.
    if (opts.signal?.aborted) throw e;
    throw new ApiError(0, 'network', lang === 'en' ? 'Network error: the server could not be reached. Your input is kept; try again.' : '网络错误：无法连接服务器。已填写的内容已保留，请稍后重试。');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    if (res.status === 401 && !opts.silent401 && epoch === sessionEpoch) expiredListeners.forEach((fn) => fn());
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status,
      err?.message ?? (lang === 'en' ? `Server error (${res.status}); your input is kept.` : `服务器错误（${res.status}），已填写的内容已保留。`),
      err?.fields ?? {});
  }
  return data as T;
}

/** Shorthands. */
export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body);
export const put = <T>(url: string, body?: unknown) => api<T>('PUT', url, body);
export const patch = <T>(url: string, body?: unknown) => api<T>('PATCH', url, body);

/** Build a query string from defined values. */
export function qs(params: Record<string, string | number | boolean | undefined | null | readonly string[]>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    u.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** A file the API answered with, and the name the server gave it (`content-disposition`, UTF-8 name preferred). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
  headers: Headers;
}

/**
 * GET a file (an export), or POST a JSON body for one (`body`). Errors are ApiError, as for `api`; a 401 announces
 * the expired session.
 */
export async function fetchFile(url: string, fallbackName: string, body?: unknown): Promise<DownloadedFile> {
  const epoch = sessionEpoch;
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      headers: { 'accept-language': lang === 'en' ? 'en' : 'zh-CN', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', lang === 'en' ? 'Network error: the server could not be reached; try again.' : '网络错误：无法连接服务器，请稍后重试。');
  }
  if (!res.ok) {
    let err: { code?: string; message?: string; fields?: Record<string, string> } | undefined;
    try {
      err = ((await res.json()) as { error?: typeof err }).error;
    } catch {
      err = undefined;
    }
    if (res.status === 401 && epoch === sessionEpoch) expiredListeners.forEach((fn) => fn());
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? (lang === 'en' ? `Server error (${res.status})` : `服务器错误（${res.status}）`), err?.fields ?? {});
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
  const plain = /filename="([^"]+)"/i.exec(cd)?.[1];
  let filename = plain ?? fallbackName;
  if (utf8) {
    try {
      filename = decodeURIComponent(utf8);
    } catch {
      // keep the ASCII name
    }
  }
  return { blob: await res.blob(), filename, headers: res.headers };
}

/** Hand a downloaded file to the browser's save dialog. */
export function saveFile(file: Pick<DownloadedFile, 'blob' | 'filename'>): void {
  const href = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * The `Idempotency-Key` for a create: the same key while the same body is sent again (a retry after a network error
 * or a double click answers the first result instead of registering twice), a new one when the body changed.
 * Made from getRandomValues, which browsers offer on plain-HTTP intranet addresses too (randomUUID they do not).
 */
export function idempotencyKeyFor(last: { current: { body: string; key: string } | null }, body: unknown): string {
  const text = JSON.stringify(body);
  if (last.current?.body === text) return last.current.key;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  last.current = { body: text, key };
  return key;
}
