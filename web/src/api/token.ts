/**
 * The session token, in memory for every request and in localStorage so a reload or a second tab
 * stays signed in. The server also sets an httpOnly cookie, but the Bearer header is what the API
 * documents, and it keeps working when the console is served from another origin in development.
 */
const STORAGE_KEY = 'railjoint.token';

let current: string | null = readStored();

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return current;
}

/**
 * Forget a session the server refused or the user signed out of, but only that one: another tab
 * may since have signed in (as the same person or someone else) and stored its own token, which a
 * stale tab's 401 must not wipe. True when it was this tab's session.
 */
export function forgetToken(token: string): boolean {
  const mine = current === token;
  if (mine) current = null;
  try {
    if (localStorage.getItem(STORAGE_KEY) === token) localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored to forget
  }
  return mine;
}

export function setToken(token: string | null): void {
  current = token;
  try {
    if (token) localStorage.setItem(STORAGE_KEY, token);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // memory copy still works for this tab
  }
}
