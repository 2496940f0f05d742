import { useCallback } from 'react';
import { ApiError, NETWORK_FAILURE } from './errors';
import { useT } from '../app/i18n/useT';
import type { MessageKey } from '../app/i18n/zh-CN';

const KNOWN_CODES = new Set<string>([
  'invalid_credentials',
  'account_locked',
  'unauthorized',
  'forbidden',
  'not_found',
  'unknown_line',
  'short_chain_gap',
  'beyond_line',
  'prefix_not_on_line',
  'bad_mileage',
  'internal',
]);

/**
 * Turns any thrown error into a sentence in the user's language. Codes the catalogue knows get
 * its wording; others show the server's own message, which is better than a bare status.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useT();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.status === NETWORK_FAILURE) return t('error.network');
        // The detail names the field that broke the contract, which whoever gets the bug report needs.
        if (error.code === 'bad_response') return `${t('error.bad_response')} (${error.message})`;
        if (error.code === 'validation_failed') return t('error.validation_failed', { message: error.message });
        if (KNOWN_CODES.has(error.code)) return t(`error.${error.code}` as MessageKey);
        return t('error.generic', { status: error.status, message: error.message });
      }
      return error instanceof Error ? error.message : String(error);
    },
    [t],
  );
}
