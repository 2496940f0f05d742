import { useCallback } from 'react';
import { ApiError, NETWORK_FAILURE } from './errors';
import { useT } from '../app/i18n/useT';
import { PASSWORD_REASONS as PASSWORD_REASON_CODES } from '@railjoint/contracts';
import { errorWords } from './errorWords';

function retryAfterS(details: unknown): number | string {
  const s = (details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
  return typeof s === 'number' ? s : '…';
}

const PASSWORD_REASONS = new Set<string>([...PASSWORD_REASON_CODES, 'wrong']);

/** A refused password names its reason beside the field (422 weak_password or wrong_password). */
export function passwordReason(error: unknown): (typeof PASSWORD_REASON_CODES)[number] | 'wrong' | null {
  if (!(error instanceof ApiError) || (error.code !== 'weak_password' && error.code !== 'wrong_password')) return null;
  const fields = (error.details as { fields?: Array<{ reason?: unknown }> } | undefined)?.fields;
  const reason = fields?.[0]?.reason;
  return typeof reason === 'string' && PASSWORD_REASONS.has(reason) ? (reason as (typeof PASSWORD_REASON_CODES)[number] | 'wrong') : null;
}

/**
 * Turns any thrown error into a sentence in the user's language. The server words its refusals in
 * the language the console asks for (Accept-Language) and says so (Content-Language): that message
 * is shown as it is. An answer in another language or without a message (a proxy's, a raw refusal)
 * gets the console's own wording of its code.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, lang } = useT();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.status === NETWORK_FAILURE) return t('error.network');
        // The detail names the field that broke the contract, which whoever gets the bug report needs.
        if (error.code === 'bad_response') return `${t('error.bad_response')} (${error.message})`;
        if (error.code === 'too_many_attempts') return t('error.too_many_attempts', { seconds: retryAfterS(error.details) });
        const reason = passwordReason(error);
        if (reason) return t(`password.reason.${reason}`);
        const theirs = error.lang === lang && error.message ? error.message : null;
        if (error.code === 'validation_failed' && theirs) return t('error.validation_failed', { message: fieldMessages(error, lang) || theirs });
        if (theirs) return theirs;
        return errorWords(error.code, lang) ?? t('error.generic', { status: error.status, message: error.message });
      }
      return error instanceof Error ? error.message : String(error);
    },
    [t, lang],
  );
}

/** What is wrong with each field, as the server worded it in the console's language, without the paths. */
function fieldMessages(error: ApiError, lang: string): string {
  const fields = (error.details as { fields?: Array<{ message?: unknown }> } | undefined)?.fields ?? [];
  return [...new Set(fields.map((f) => (typeof f.message === 'string' ? f.message : '')).filter(Boolean))].join(lang === 'en' ? '; ' : '；');
}
