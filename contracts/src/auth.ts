import { z } from 'zod';
import { Id } from './common.js';

export const ROLES = ['admin', 'dispatcher', 'commander', 'officer', 'liaison', 'analyst', 'volunteer', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  agencyId: z.string(),
  agencyName: z.string().nullable(),
  roles: z.array(Role),
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

/** Whether the user has a confirmed second factor, and whether their roles require one. */
export const SecondFactorState = z.object({ enrolled: z.boolean(), required: z.boolean() });
export type SecondFactorState = z.infer<typeof SecondFactorState>;

/**
 * A completed sign-in. `now` is the platform clock at sign-in: the console measures its offset
 * from it. With `secondFactor.required && !secondFactor.enrolled` the session is an enrolment
 * session: only `GET /api/auth/me`, logout and the TOTP enrolment routes answer it.
 */
export const LoginSuccess = z.object({ token: z.string(), user: User, expiresAt: z.string(), now: z.string(), secondFactor: SecondFactorState });
export type LoginSuccess = z.infer<typeof LoginSuccess>;

/** The password was right; the sign-in completes with `POST /api/auth/login/second-factor` before `expiresAt`. */
export const SecondFactorChallenge = z.object({ mfaRequired: z.literal(true), challenge: z.string(), expiresAt: z.string() });
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallenge>;

export const LoginResponse = z.union([LoginSuccess, SecondFactorChallenge]);
export type LoginResponse = z.infer<typeof LoginResponse>;

export const TotpCode = z.string().regex(/^\d{6}$/, 'six digits');
export const RecoveryCode = z.string().min(8).max(40);

/** Exactly one of `code` (from the authenticator app) or `recoveryCode`. */
export const SecondFactorRequest = z
  .object({ challenge: z.string().min(1).max(200), code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), { message: 'give either code or recoveryCode', path: ['code'], params: { zh: '请填写动态码或恢复码（二者选一）' } });

/** The signed-in user, with their second-factor state. */
export const Me = User.extend({ secondFactor: SecondFactorState });
export type Me = z.infer<typeof Me>;

/** The secret is shown for manual entry; the QR code (SVG) carries the same otpauth URI. */
export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;
export const TotpConfirmRequest = z.object({ code: TotpCode });
/** Ten single-use recovery codes, shown this once: only their hashes are kept. */
export const TotpConfirmResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type TotpConfirmResponse = z.infer<typeof TotpConfirmResponse>;
export const TotpRemoveRequest = z.object({ code: TotpCode });

export const Username = z.string().min(2).max(64).regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, _ . -');
/** Length only; the server also refuses common, contextual, repetitive and sequential passwords (422 weak_password). */
export const Password = z.string().min(10, 'at least 10 characters').max(256, 'at most 256 characters');

export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: Password });

/** Why a password was refused; `details.fields[]` of a 422 weak_password carry it beside the field. */
export const PASSWORD_REASONS = ['too_short', 'too_long', 'common', 'context', 'repetitive', 'sequential'] as const;
export type PasswordReason = (typeof PASSWORD_REASONS)[number];

export const CreateUserRequest = z.object({
  username: Username,
  displayName: z.string().min(1).max(100),
  agencyId: Id,
  roles: z.array(Role).min(1),
  password: Password,
});
export const UpdateUserRequest = z.object({
  displayName: z.string().min(1).max(100).optional(),
  agencyId: Id.optional(),
  roles: z.array(Role).min(1).optional(),
  password: Password.optional(),
  disabled: z.boolean().optional(),
});
