import { HttpError, said } from '../http/errors.js';

/** How long a client is told to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_S = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// SQLSTATEs of a server that is gone, going or not back yet: admin_shutdown, crash_shutdown,
// cannot_connect_now (starting up, shutting down, recovering), too_many_connections.
const SERVER_GONE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)/;
// node-postgres reports a lost or never-made connection in words, without a code
const LOST_CONNECTION = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Connection ended/i;

/**
 * Whether an error means the database cannot be reached now (restarting, down, cut off, its
 * connections exhausted), as opposed to a fault of the request or of the code: the former is
 * answered 503 `database_unavailable` and the client tries again, the latter 500 and logged.
 */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 3) return false;
  const err = e as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (NETWORK_CODES.has(code) || SERVER_GONE_STATES.has(code) || code.startsWith('08') || SQLITE_UNAVAILABLE.test(code)) return true;
  if (typeof err.message === 'string' && !code && LOST_CONNECTION.test(err.message)) return true;
  // a host with several addresses fails with one error per address
  if (Array.isArray(err.errors) && err.errors.length > 0 && err.errors.every((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return err.cause !== undefined && isDatabaseUnavailable(err.cause, depth + 1);
}

/** The documented answer while the database is away: 503 with `Retry-After`. */
export function databaseUnavailable(): HttpError {
  return new HttpError(503, 'database_unavailable', said('暂时无法连接数据库，请稍后再试', 'the database cannot be reached at the moment; try again shortly'), { retryAfterS: DATABASE_RETRY_AFTER_S });
}
