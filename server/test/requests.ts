import type { TestApp } from './harness.js';

/**
 * GET/POST/PUT through `inject` as a signed-in user. Both are read lazily, so a suite can build its
 * helpers before `beforeAll` has started the app and signed in.
 */
export function requests(app: () => TestApp, auth: () => string) {
  return {
    get: (url: string, as = auth()) => app().http.inject({ method: 'GET', url, headers: { authorization: as } }),
    post: (url: string, payload: unknown, as = auth()) => app().http.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: as } }),
    put: (url: string, payload: unknown, as = auth()) => app().http.inject({ method: 'PUT', url, payload: payload as object, headers: { authorization: as } }),
  };
}
