import { useEffect, useRef } from 'react';
import { useT } from '../../app/i18n/useT';
import { SHORTCUT_ACTIONS, SHORTCUT_KEYS } from './bindings';
import { isShortcutAvailable } from './registry';
import { Keys } from './Keys';
import './shortcuts.css';

const FORM_KEYS = [
  { keys: ['Enter'], text: 'shortcuts.formEnter' },
  { keys: ['Alt+D'], text: 'shortcuts.formDispatch' },
  { keys: ['↑', '↓', 'Enter'], text: 'shortcuts.formArrows' },
] as const;

/**
 * The `?` overlay: every shortcut with its keys, dimmed where nothing on this page answers it.
 * Acknowledging alerts is listed where the alert centre answers it (every console page), so no
 * dead key is offered.
 */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const shown = SHORTCUT_ACTIONS.filter((a) => a !== 'ackAlert' || isShortcutAvailable(a));
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dialog shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" data-testid="shortcut-help">
        <h3 id="shortcut-help-title">{t('shortcuts.title')}</h3>
        <table className="shortcut-table">
          <tbody>
            {shown.map((a) => {
              const here = a === 'help' || isShortcutAvailable(a);
              return (
                <tr key={a} data-action={a} className={here ? undefined : 'is-unavailable'}>
                  <td>
                    <Keys keys={SHORTCUT_KEYS[a]} />
                  </td>
                  <td>
                    {t(`shortcuts.${a}`)}
                    {!here && <span className="muted"> · {t('shortcuts.notHere')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <h4>{t('shortcuts.form')}</h4>
        <table className="shortcut-table">
          <tbody>
            {FORM_KEYS.map((f) => (
              <tr key={f.text}>
                <td>
                  <Keys keys={f.keys} />
                </td>
                <td>{t(f.text)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t('shortcuts.typing')}</p>
        <div className="dialog-buttons">
          <button ref={closeRef} type="button" className="btn" data-testid="shortcut-help-close" onClick={onClose}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
