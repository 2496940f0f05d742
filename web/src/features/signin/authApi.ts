import { LoginSuccess, Me, TotpConfirmResponse, TotpSetupResponse } from '@railjoint/contracts';
import { request } from '../../api/client';

/** The sign-in and account-security routes the console uses beyond sign-in itself. */
export const authApi = {
  me: () => request('GET', '/api/auth/me', { schema: Me }),
  secondFactor: (challenge: string, answer: { code: string } | { recoveryCode: string }) =>
    request('POST', '/api/auth/login/second-factor', { body: { challenge, ...answer }, schema: LoginSuccess }),
  changePassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/api/auth/password', { body: { currentPassword, newPassword } }),
  totpSetup: () => request('POST', '/api/auth/totp/setup', { schema: TotpSetupResponse }),
  totpConfirm: (code: string) => request('POST', '/api/auth/totp/confirm', { body: { code }, schema: TotpConfirmResponse }),
  totpRemove: (code: string) => request<void>('DELETE', '/api/auth/totp', { body: { code } }),
};
