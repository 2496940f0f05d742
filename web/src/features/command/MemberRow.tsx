import type { Agency } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import type { MemberDraft } from './memberDraft';
import type { OnDutyPerson } from './useOnDuty';
import { formatDateTime } from '../incidents/formatDateTime';

interface Props {
  member: MemberDraft;
  /** the agency's people on duty (first) and its commanders: picked, not typed */
  people: OnDutyPerson[];
  agency: Agency | undefined;
  error: string | undefined;
  onChange(next: MemberDraft): void;
  onRemove(): void;
}

/** One agency of the joint command: its role and the person it sends. */
export function MemberRow({ member, people, agency, error, onChange, onRemove }: Props) {
  const { t, lang } = useT();
  const label = (p: OnDutyPerson) => (p.onDuty ? `${p.displayName} · ${t('command.onDutySeat', { seat: p.seat ?? '', until: formatDateTime(p.until ?? '', lang) })}` : p.displayName);
  return (
    <li className={`member-row${error ? ' has-error' : ''}`} data-testid="member-row" data-agency-id={member.agencyId}>
      <div className="member-row-main">
        <span className="member-agency">
          <strong>{agency?.name ?? member.agencyId}</strong>
          {agency && <span className="muted"> · {t(`agency.${agency.type}`)}</span>}
        </span>
        <select aria-label={t('command.role')} data-testid="member-role" value={member.role} aria-invalid={error ? true : undefined} onChange={(e) => onChange({ ...member, role: e.target.value as MemberDraft['role'] })}>
          <option value="commander">{t('command.role.commander')}</option>
          <option value="liaison">{t('command.role.liaison')}</option>
        </select>
        {people.length > 0 && (
          <select
            aria-label={t('command.person')}
            data-testid="member-pick"
            value={member.userId ?? ''}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange({ ...member, userId: e.target.value || undefined })}
          >
            {people.map((p) => (
              <option key={p.userId} value={p.userId}>
                {label(p)}
              </option>
            ))}
            <option value="">{t('command.someoneElse')}</option>
          </select>
        )}
        {(people.length === 0 || !member.userId) && (
          <input
            type="text"
            aria-label={t('command.person')}
            placeholder={t('command.personHint')}
            data-testid="member-person"
            value={member.person}
            maxLength={100}
            onChange={(e) => onChange({ ...member, person: e.target.value })}
          />
        )}
        <button type="button" className="btn btn-quiet btn-small" data-testid="member-remove" title={t('command.removeMember')} onClick={onRemove}>
          ×
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="member-error">
          {error}
        </p>
      )}
    </li>
  );
}
