/**
 * Tables of sign-in security (issue 8): throttling, second factors, recovery codes and sign-in
 * challenges. Timestamps are ISO-8601 UTC text and flags integers, as everywhere, so one set of
 * migrations serves SQLite and PostgreSQL.
 */
export interface AuthSecurityTables {
  auth_throttle: AuthThrottleTable;
  auth_totp: AuthTotpTable;
  auth_recovery_codes: AuthRecoveryCodesTable;
  auth_challenges: AuthChallengesTable;
}

/** One row per throttled key (`address:…`, `account:…`, `device:…`, `second-factor:…`). */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  /** attempts under this key are refused (429) until then */
  blocked_until: string | null;
  last_failure_at: string;
}

export interface AuthTotpTable {
  user_id: string;
  /** base32; stored as is until encryption at rest (issue 15) */
  secret: string;
  /** null while enrolment waits for its first code */
  confirmed_at: string | null;
  created_at: string;
  /** the RFC 6238 time step of the last code accepted: no code is accepted twice */
  last_step: number | null;
}

export interface AuthRecoveryCodesTable {
  user_id: string;
  /** SHA-256 of the normalised code; the codes are 80 random bits, so a fast hash is enough */
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** The step between a right password and the second factor. */
export interface AuthChallengesTable {
  /** SHA-256 of the challenge handed to the client */
  id_hash: string;
  user_id: string;
  username: string;
  expires_at: string;
  attempts: number;
  created_at: string;
}
