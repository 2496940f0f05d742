/** The console's addresses: every room and every incident and bulletin has its own, so a link or a reload keeps it open. */
export const SIGN_IN_PATH = '/signin';

export const paths = {
  map: '/map',
  incidents: '/incidents',
  incident: (code: string) => `/incidents/${encodeURIComponent(code)}`,
  units: '/units',
  bulletins: '/bulletins',
  bulletin: (code: string) => `/bulletins/${encodeURIComponent(code)}`,
  mobile: '/mobile',
} as const;

/** Where a signed-out visitor is sent: the sign-in page, remembering the page they asked for. */
export function signInPathFor(pathname: string, search: string): string {
  return pathname === '/' || pathname === SIGN_IN_PATH ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(pathname + search)}`;
}

/**
 * Where to go after signing in. Only a path on this site: `?next=//evil.example` or
 * `?next=https://…` would make the sign-in page an open redirect, a phishing aid. Backslashes
 * count as slashes to browsers, so `/\\evil.example` is refused too.
 */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.startsWith(SIGN_IN_PATH)) return '/';
  return next;
}
