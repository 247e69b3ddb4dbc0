import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../api/openapi.gen';
import { session } from './session';

/** The API's error body (components.schemas.Error). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messageKo?: string;
  details?: unknown;
  requestId?: string;
}

/** An answer other than 2xx, with the API's own words in Korean and English. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
  get code() {
    return this.body.code;
  }
  /** The message in the reader's language (the API's messageKo, or its message). */
  text(lang: string): string {
    return lang.startsWith('ko') ? (this.body.messageKo ?? this.body.message) : this.body.message;
  }
}

let refreshing: Promise<boolean> | null = null;

/**
 * Trades the refresh token for a new pair (rotation), once for all requests that found their
 * access token expired. A reused or invalid refresh token signs the user out with the reason.
 */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.tokens?.refreshToken;
    if (!refreshToken) return false;
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (res.ok) {
      const next = (await res.json()) as { accessToken: string; refreshToken: string };
      session.signIn({ accessToken: next.accessToken, refreshToken: next.refreshToken });
      return true;
    }
    const body = (await res.json().catch(() => ({}))) as Partial<ApiErrorBody>;
    session.signOut(body.code === 'REFRESH_TOKEN_REUSED' ? 'theft' : 'expired');
    return false;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

const retries = new Map<string, Request>();

const auth: Middleware = {
  onRequest({ request, id }) {
    const token = session.tokens?.accessToken;
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    // Kept to send again after a refresh (a body can be read once).
    if (token) retries.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const copy = retries.get(id);
    retries.delete(id);
    if (response.status !== 401 || !copy) return response;
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as Partial<ApiErrorBody>;
    if (body.code !== 'TOKEN_EXPIRED' && body.code !== 'UNAUTHENTICATED') return response;
    if (!(await refresh())) return response;
    copy.headers.set('Authorization', `Bearer ${session.tokens!.accessToken}`);
    return fetch(copy);
  },
};

/** The typed client over openapi.json: every call in the app goes through it. */
export const api = createClient<paths>({ baseUrl: '' });
export type ApiClient = typeof api;
api.use(auth);

/** The data of an answer, or its error thrown as an ApiError (for TanStack Query). */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(
    (error as ApiErrorBody | undefined)?.code
      ? (error as ApiErrorBody)
      : {
          statusCode: response.status,
          code: 'HTTP_' + response.status,
          message: `The service answered ${response.status}.`,
          messageKo: `서비스가 ${response.status} 오류로 응답했습니다.`,
        },
  );
}
