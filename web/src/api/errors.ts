import { ErrorBody } from '@railjoint/contracts';

/** A failed request, carrying the server's `{error:{code,message,details}}` when there was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** the language the server worded `message` in (its `Content-Language`), when it said */
    readonly lang: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** status 0: the request never got an HTTP answer (server down, connection refused, CORS). */
export const NETWORK_FAILURE = 0;

export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // a proxy's HTML error page or an empty body: fall through to the status text
  }
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(res.status, code, message, details, res.headers.get('content-language'));
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
}
