import { useMemo, useState } from 'react';
import type { Agency } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/** Receiving agencies picked by name, shown as chips; Enter takes the first match. */
export function RecipientPicker({ agencies, value, onChange }: { agencies: Agency[]; value: string[]; onChange(ids: string[]): void }) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const matches = useMemo(() => (q.trim() ? agencies.filter((a) => !value.includes(a.id) && (a.name.includes(q.trim()) || a.id.includes(q.trim()))).slice(0, 8) : []), [agencies, q, value]);
  const name = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const add = (id: string) => {
    onChange([...value, id]);
    setQ('');
  };
  return (
    <div className="recipient-picker">
      <ul className="chips">
        {value.map((id) => (
          <li key={id} className="chip" data-testid="recipient-chip" data-agency-id={id}>
            {name(id)}
            <button type="button" aria-label={t('bulletin.removeRecipient')} onClick={() => onChange(value.filter((x) => x !== id))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        data-testid="recipient-search"
        value={q}
        placeholder={t('bulletin.recipientSearch')}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) {
            e.preventDefault();
            add(matches[0].id);
          }
        }}
      />
      {matches.length > 0 && (
        <ul className="recipient-options" role="listbox">
          {matches.map((a) => (
            <li key={a.id}>
              <button type="button" data-testid="recipient-option" data-agency-id={a.id} onClick={() => add(a.id)}>
                {a.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
