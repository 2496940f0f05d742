import { checkPassword, type PasswordContext } from '../../platform/auth/password-rules.js';
import { unprocessable, type HttpError } from '../../platform/http/errors.js';

/**
 * The 422 for a password the rules refuse, naming the field and the reason (a code the console
 * words in its own language), or null when the password may be used.
 */
export function passwordRefusal(field: string, password: string, context: PasswordContext): HttpError | null {
  const problem = checkPassword(password, context);
  if (!problem) return null;
  return unprocessable('weak_password', `${field}: ${problem.message}`, { fields: [{ field, message: problem.message, reason: problem.reason }] });
}
