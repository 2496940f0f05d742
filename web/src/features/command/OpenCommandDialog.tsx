import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Agency, CommandView } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { DialogFooter } from '../incidents/DialogFooter';
import { ApiError } from '../../api/errors';
import { apiFields } from './apiFields';
import { MemberRow } from './MemberRow';
import { agencyChoices, defaultRole, initialMembers, type MemberDraft } from './memberDraft';
import { useOnDuty } from './useOnDuty';

interface Props {
  incident: IncidentDetail;
  agencies: Agency[];
  userAgencyId: string | null;
  onOpened(view: CommandView): void;
  onClose(): void;
}

/** 成立联合指挥部: the member agencies with their commanders or liaisons, the first period's objectives. */
export function OpenCommandDialog({ incident, agencies, userAgencyId, onOpened, onClose }: Props) {
  const { t } = useT();
  const errorText = useCommandErrorText('command');
  const searchRef = useRef<HTMLInputElement>(null);
  const [members, setMembers] = useState<MemberDraft[]>(() => initialMembers(incident, agencies, userAgencyId));
  const [search, setSearch] = useState('');
  const [pick, setPick] = useState('');
  const [objectives, setObjectives] = useState('');
  const [hours, setHours] = useState('12');
  const [rowError, setRowError] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const taken = useMemo(() => new Set(members.map((m) => m.agencyId)), [members]);
  const people = useOnDuty(members.map((m) => m.agencyId));
  const peopleOf = (agencyId: string) => people.filter((p) => p.agencyId === agencyId);
  // each agency's person is who is on duty there, unless the commander picks or types another
  const withPick = (m: MemberDraft): MemberDraft => (m.userId !== undefined || m.person.trim() || m.picked ? m : { ...m, userId: peopleOf(m.agencyId)[0]?.userId });
  const shown = members.map(withPick);
  const choices = useMemo(() => agencyChoices(agencies, taken, search), [agencies, taken, search]);
  const agencyOf = (id: string) => agencies.find((a) => a.id === id);
  // the select shows the first match when nothing is picked, so "add" takes what the user sees
  const chosen = pick && choices.some((a) => a.id === pick) ? pick : (choices[0]?.id ?? '');

  useEffect(() => searchRef.current?.focus(), []);

  const add = () => {
    if (!chosen) return;
    setMembers((list) => [...list, { agencyId: chosen, role: defaultRole(agencyOf(chosen)), person: '' }]);
    setSearch('');
    setPick('');
    setRowError(new Map());
  };
  const change = (n: number, next: MemberDraft) => setMembers((list) => list.map((m, i) => (i === n ? next : m)));
  const remove = (n: number) => {
    setMembers((list) => list.filter((_, i) => i !== n));
    setRowError(new Map());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const lines = objectives.split('\n').map((l) => l.trim()).filter(Boolean);
    const period = Number(hours);
    const missing = new Map<number, string>();
    shown.forEach((m, i) => !m.userId && !m.person.trim() && missing.set(i, t('command.personMissing')));
    if (members.length < 2) return setError(t('command.needTwo'));
    if (!members.some((m) => m.role === 'commander')) return setError(t('command.needCommander'));
    if (missing.size) {
      setRowError(missing);
      return setError(t('dialog.incomplete'));
    }
    if (lines.length === 0) return setError(t('command.needObjectives'));
    if (!Number.isFinite(period) || period < 1 || period > 72) return setError(t('command.periodRange'));
    setBusy(true);
    setError(null);
    setRowError(new Map());
    try {
      onOpened(await api.openCommand(incident.id, { members: shown.map((m) => (m.userId ? { agencyId: m.agencyId, role: m.role, userId: m.userId } : { agencyId: m.agencyId, role: m.role, person: m.person.trim() })), objectives: lines, periodHours: period }));
    } catch (err) {
      const rows = new Map<number, string>();
      const rest: string[] = [];
      for (const [path, message] of Object.entries(apiFields(err))) {
        const hit = /^members\[(\d+)\]\.?(\w*)/.exec(path);
        const n = Number(hit?.[1]);
        const member = members[n];
        if (!hit || !member) {
          rest.push(message);
          continue;
        }
        // a commander's seat needs jurisdiction at the place: the one refusal worth saying in the user's language
        const text = hit[2] === 'role' ? t('command.noJurisdiction', { agency: agencyOf(member.agencyId)?.name ?? member.agencyId }) : message;
        rows.set(n, rows.has(n) ? `${rows.get(n)}；${text}` : text);
      }
      setRowError(rows);
      // other refusals (level too low, already open) carry a field too, but their code says it better
      const invalid = err instanceof ApiError && err.code === 'validation_failed';
      setError(rows.size ? t('command.fixMembers') : invalid && rest.length ? rest.join('；') : errorText(err));
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="dialog command-dialog" role="dialog" aria-modal="true" aria-labelledby="open-command-title" data-testid="open-command-dialog" onSubmit={submit}>
        <h3 id="open-command-title">
          {t('command.open')} · <span className="mono">{incident.code}</span>
        </h3>
        <p className="muted">{t('command.openHint')}</p>
        <fieldset className="command-members">
          <legend>{t('command.members')}</legend>
          {members.length === 0 ? (
            <p className="muted">{t('command.noMembers')}</p>
          ) : (
            <ol className="member-list">
              {shown.map((m, i) => (
                <MemberRow key={m.agencyId} member={m} people={peopleOf(m.agencyId)} agency={agencyOf(m.agencyId)} error={rowError.get(i)} onChange={(next) => change(i, { ...next, picked: true })} onRemove={() => remove(i)} />
              ))}
            </ol>
          )}
          <div className="member-add">
            <input
              ref={searchRef}
              type="search"
              aria-label={t('command.searchAgency')}
              placeholder={t('command.searchAgency')}
              data-testid="member-search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <select aria-label={t('command.agency')} data-testid="member-agency" value={chosen} onChange={(e) => setPick(e.target.value)}>
              {choices.length === 0 && <option value="">{t('command.noMatch')}</option>}
              {choices.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <button type="button" className="btn" data-testid="member-add" disabled={!chosen} onClick={add}>
              {t('command.addMember')}
            </button>
          </div>
        </fieldset>
        <label className="field">
          <span>{t('command.objectives')}</span>
          <textarea data-testid="command-objectives-input" rows={3} placeholder={t('command.objectivesHint')} value={objectives} onChange={(e) => setObjectives(e.target.value)} />
        </label>
        <label className="field command-period-field">
          <span>{t('command.periodHours')}</span>
          <input type="number" min={1} max={72} data-testid="command-period" value={hours} onChange={(e) => setHours(e.target.value)} />
        </label>
        <DialogFooter error={error} busy={busy} onClose={onClose} />
      </form>
    </div>
  );
}
