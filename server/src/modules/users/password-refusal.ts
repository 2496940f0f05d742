import { checkPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type PasswordContext, type PasswordReason } from '../../platform/auth/password-rules.js';
import { unprocessable, type HttpError, said } from '../../platform/http/errors.js';

/**
 * The 422 for a password the rules refuse, naming the field and the reason (a code the console
 * words in its own language), or null when the password may be used.
 */
export function passwordRefusal(field: string, password: string, context: PasswordContext): HttpError | null {
  const problem = checkPassword(password, context);
  if (!problem) return null;
  const why = said(REASON_ZH[problem.reason], problem.message);
  return unprocessable('weak_password', said(`${field}：${why.zh}`, `${field}: ${why.en}`), { fields: [{ field, message: why, reason: problem.reason }] });
}

const REASON_ZH: Record<PasswordReason, string> = {
  too_short: `至少 ${MIN_PASSWORD_LENGTH} 个字符`,
  too_long: `至多 ${MAX_PASSWORD_LENGTH} 个字符`,
  common: '这是最常用的密码之一',
  context: '密码包含用户名、显示名称或系统名称',
  repetitive: '密码重复同一字符或简短模式',
  sequential: '密码是连续序列（如 abcdef、123456、键盘上的一行）',
};
