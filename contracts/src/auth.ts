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

/** `now` is the platform clock at sign-in: the console measures its offset from it. */
export const LoginResponse = z.object({ token: z.string(), user: User, expiresAt: z.string(), now: z.string() });

export const Username = z.string().min(2).max(64).regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, _ . -');
export const Password = z.string().min(10, 'at least 10 characters').max(256);

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
