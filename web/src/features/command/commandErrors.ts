import { useCallback } from 'react';
import { ApiError } from '../../api/errors';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import type { MessageKey } from '../../app/i18n/zh-CN';

/** What a refusal means in this part of the console; the server's English is the fallback. */
type Context = 'situation' | 'level' | 'command' | 'task' | 'taskStep' | 'taskCancel';

const FORBIDDEN: Record<Context, MessageKey> = {
  situation: 'level.situationForbidden',
  level: 'level.forbidden',
  command: 'command.forbidden',
  task: 'task.forbidden',
  taskStep: 'task.stepForbidden',
  taskCancel: 'task.cancelForbidden',
};

const CODES: Partial<Record<string, MessageKey>> = {
  level_too_low: 'command.levelTooLow',
  command_exists: 'command.exists',
  command_closed: 'command.closed',
  not_in_command: 'task.notMember',
  invalid_transition: 'task.invalidTransition',
  stale: 'command.stale',
};

/** useErrorText() with the command module's own refusals said in the user's language. */
export function useCommandErrorText(context: Context): (error: unknown) => string {
  const { t } = useT();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.status === 403) return t(FORBIDDEN[context]);
        const key = CODES[error.code];
        if (key) return t(key);
      }
      return errorText(error);
    },
    [t, errorText, context],
  );
}
