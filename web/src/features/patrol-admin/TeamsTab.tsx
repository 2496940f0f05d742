import { useMemo, useState, type FormEvent } from 'react';
import { AVAILABILITY, TEAM_KINDS, type PatrolTeam, type TeamKind, type TeamMember, type User } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { FormFooter, useSaving } from './FormFooter';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { useAdminWrites, useTeams } from './adminApi';
import { beijingDate, useManagedAgencies } from './shared';
import './admin.css';

type Availability = (typeof AVAILABILITY)[number];
const SOON_DAYS = 30;

/** A certificate's state on the platform's date: expired (the server says), due within 30 days, or fine. */
function certState(c: { expiresOn?: string; expired: boolean }, today: string): 'expired' | 'expiring' | 'ok' {
  if (c.expired) return 'expired';
  if (!c.expiresOn) return 'ok';
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  return c.expiresOn <= soon ? 'expiring' : 'ok';
}

/** 队伍: teams by agency and kind, a team's members (personal data only where the server gives it), forms to create and change. */
export function TeamsTab({ user }: { user: User }) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const teams = useTeams();
  const managed = useManagedAgencies(user);
  const [agencyId, setAgencyId] = useState('');
  const [kind, setKind] = useState<'' | TeamKind>('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<PatrolTeam | 'new' | null>(null);
  const all = teams.data ?? [];
  const agencies = useMemo(() => [...new Map(all.map((x) => [x.agencyId, x.agencyName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')), [all]);
  const shown = all.filter((x) => (!agencyId || x.agencyId === agencyId) && (!kind || x.kind === kind));
  const groups = useMemo(() => {
    const m = new Map<string, PatrolTeam[]>();
    for (const x of shown) m.set(x.agencyName, [...(m.get(x.agencyName) ?? []), x]);
    return [...m.entries()];
  }, [shown]);
  const selected = all.find((x) => x.id === selectedId) ?? null;
  const canManage = (id: string) => managed.some((a) => a.id === id);

  return (
    <div className="patrol-admin-tab" data-testid="teams-tab">
      <header className="patrol-admin-head">
        <h2>{t('patrolAdmin.teams.title')}</h2>
        <label className="field-inline field">
          <span>{t('patrolAdmin.agency')}</span>
          <select data-testid="teams-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            <option value="">{t('patrolAdmin.allAgencies')}</option>
            {agencies.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline field">
          <span>{t('patrolAdmin.teams.kind')}</span>
          <select data-testid="teams-kind" value={kind} onChange={(e) => setKind(e.target.value as '' | TeamKind)}>
            <option value="">{t('patrolAdmin.allKinds')}</option>
            {TEAM_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`patrolAdmin.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {managed.length > 0 && (
          <button type="button" className="btn btn-primary" data-testid="team-new" onClick={() => setEditing('new')}>
            {t('patrolAdmin.teams.new')}
          </button>
        )}
      </header>
      {teams.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(teams.error)}
        </p>
      )}
      {editing && <TeamForm key={editing === 'new' ? 'new' : editing.id} team={editing === 'new' ? null : editing} agencies={managed} onDone={(id) => (setEditing(null), id && setSelectedId(id))} />}
      <div className="patrol-admin-split is-wide-detail">
        <section className="patrol-admin-list">
          {teams.isPending && <p className="muted">{t('patrolAdmin.loading')}</p>}
          {!teams.isPending && shown.length === 0 && <p className="muted">{t('patrolAdmin.teams.empty')}</p>}
          {groups.map(([agencyName, list]) => (
            <div key={agencyName} className="patrol-admin-group">
              <h3>{agencyName}</h3>
              <ul className="patrol-admin-items">
                {list.map((x) => (
                  <li key={x.id}>
                    <button type="button" className={`patrol-admin-item${x.id === selectedId ? ' is-selected' : ''}`} data-testid="team-row" data-team={x.id} onClick={() => setSelectedId(x.id)}>
                      <strong>{x.name}</strong>
                      <span className="muted">{t(`patrolAdmin.kind.${x.kind}`)}</span>
                      <span className="muted">
                        {t('patrolAdmin.teams.members')} {num(x.members.length)}
                      </span>
                      {x.certificatesExpiring > 0 && (
                        <span className="patrol-flag is-warn" data-testid="team-expiring">
                          {t('patrolAdmin.teams.expiringCount', { n: num(x.certificatesExpiring) })}
                        </span>
                      )}
                      {!x.active && <span className="patrol-flag">{t('patrolAdmin.inactive')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <section className="patrol-admin-detail">
          {selected ? (
            <TeamDetail key={selected.id} team={selected} canManage={canManage(selected.agencyId)} onEdit={() => setEditing(selected)} />
          ) : (
            <p className="muted">{t('patrolAdmin.teams.choose')}</p>
          )}
          {selected && <p className="muted">{t('patrolAdmin.updated', { time: formatDateTime(selected.updatedAt, lang) })}</p>}
        </section>
      </div>
    </div>
  );
}

function TeamForm({ team, agencies, onDone }: { team: PatrolTeam | null; agencies: Array<{ id: string; name: string }>; onDone(id: string | null): void }) {
  const { t } = useT();
  const { saveTeam } = useAdminWrites();
  const [draft, setDraft] = useState({ agencyId: team?.agencyId ?? agencies[0]?.id ?? '', name: team?.name ?? '', kind: team?.kind ?? ('township_team' as TeamKind), note: team?.note ?? '', active: team?.active ?? true });
  const { busy, error, save } = useSaving();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const saved = await saveTeam(team?.id ?? null, { agencyId: draft.agencyId, name: draft.name.trim(), kind: draft.kind, active: draft.active, note: draft.note.trim() || null });
      onDone(saved.id);
    });
  };
  return (
    <form className="patrol-admin-form" data-testid="team-form" onSubmit={submit}>
      <h3>{team ? t('patrolAdmin.teams.editTitle', { name: team.name }) : t('patrolAdmin.teams.newTitle')}</h3>
      <div className="patrol-admin-grid">
        <label className="field">
          <span>{t('patrolAdmin.agency')}</span>
          <select data-testid="team-agency" value={draft.agencyId} onChange={(e) => setDraft({ ...draft, agencyId: e.target.value })}>
            {team && !agencies.some((a) => a.id === team.agencyId) && <option value={team.agencyId}>{team.agencyName}</option>}
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.name')}</span>
          <input data-testid="team-name" value={draft.name} maxLength={100} required onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('patrolAdmin.teams.kind')}</span>
          <select data-testid="team-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as TeamKind })}>
            {TEAM_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`patrolAdmin.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.note')}</span>
          <input data-testid="team-note" value={draft.note} maxLength={500} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
        </label>
        <label className="patrol-admin-check">
          <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
          {t('patrolAdmin.active')}
        </label>
      </div>
      <FormFooter saveTestId="team-save" errorTestId="team-error" busy={busy} disabled={!draft.agencyId} error={error} onCancel={() => onDone(null)} />
    </form>
  );
}

function TeamDetail({ team, canManage, onEdit }: { team: PatrolTeam; canManage: boolean; onEdit(): void }) {
  const { t, lang } = useT();
  const [editing, setEditing] = useState<TeamMember | 'new' | null>(null);
  const today = beijingDate();
  return (
    <div data-testid="team-detail" data-team={team.id}>
      <div className="patrol-admin-head">
        <h3>{team.name}</h3>
        <span className="muted">
          {team.agencyName} · {t(`patrolAdmin.kind.${team.kind}`)}
        </span>
        {canManage && (
          <>
            <button type="button" className="btn" data-testid="team-edit" onClick={onEdit}>
              {t('patrolAdmin.edit')}
            </button>
            <button type="button" className="btn" data-testid="member-new" onClick={() => setEditing('new')}>
              {t('patrolAdmin.member.add')}
            </button>
          </>
        )}
      </div>
      {team.note && <p className="muted">{team.note}</p>}
      {editing && <MemberForm key={editing === 'new' ? 'new' : editing.id} teamId={team.id} member={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      {team.members.length === 0 ? (
        <p className="muted">{t('patrolAdmin.member.noMembers')}</p>
      ) : (
        <div className="patrol-admin-table-wrap">
          <table className="patrol-admin-table" data-testid="team-members">
            <thead>
              <tr>
                <th>{t('patrolAdmin.member.name')}</th>
                <th>{t('patrolAdmin.member.phone')}</th>
                <th>{t('patrolAdmin.member.skills')}</th>
                <th>{t('patrolAdmin.member.certificates')}</th>
                <th>{t('patrolAdmin.member.availability')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.id} data-testid="member-row" data-member={m.id} className={m.active ? undefined : 'is-inactive'}>
                  <td>
                    {m.label}
                    {m.username && <div className="muted mono">{m.username}</div>}
                  </td>
                  <td className="mono">{m.personal ? (m.personal.phone ?? '—') : <span className="muted" title={t('patrolAdmin.member.hidden')}>—</span>}</td>
                  <td>{m.skills.join(lang === 'en' ? ', ' : '、') || '—'}</td>
                  <td>
                    {m.certificates.length === 0
                      ? '—'
                      : m.certificates.map((c, i) => {
                          const state = certState(c, today);
                          return (
                            <div key={i} data-testid="member-cert" data-state={state}>
                              {c.name}
                              <span className="muted"> ({t(`patrolAdmin.cert.${c.kind}`)}{c.expiresOn ? ` · ${t('patrolAdmin.cert.until', { date: c.expiresOn })}` : ''})</span>
                              {state !== 'ok' && <span className={`patrol-flag ${state === 'expired' ? 'is-bad' : 'is-warn'}`}>{t(`patrolAdmin.cert.${state}`)}</span>}
                            </div>
                          );
                        })}
                  </td>
                  <td data-testid="member-availability" data-availability={m.availability}>
                    {t(`patrolAdmin.availability.${m.availability}`)}
                    {m.availabilityNote && <div className="muted">{m.availabilityNote}</div>}
                  </td>
                  <td>
                    {canManage && m.personal && (
                      <button type="button" className="btn btn-quiet" data-testid="member-edit" onClick={() => setEditing(m)}>
                        {t('patrolAdmin.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {team.members.some((m) => !m.personal) && <p className="muted">{t('patrolAdmin.member.hidden')}</p>}
    </div>
  );
}

interface CertDraft {
  name: string;
  kind: 'training' | 'certificate';
  issuedOn?: string;
  expiresOn: string;
}

function MemberForm({ teamId, member, onDone }: { teamId: string; member: TeamMember | null; onDone(): void }) {
  const { t, lang } = useT();
  const { saveMember } = useAdminWrites();
  const [draft, setDraft] = useState({
    name: member?.personal?.name ?? '',
    phone: member?.personal?.phone ?? '',
    skills: member?.skills.join(lang === 'en' ? ', ' : '、') ?? '',
    availability: (member?.availability ?? 'available') as Availability,
    availabilityNote: member?.availabilityNote ?? '',
    active: member?.active ?? true,
  });
  const [certs, setCerts] = useState<CertDraft[]>(() => (member?.certificates ?? []).map((c) => ({ name: c.name, kind: c.kind, issuedOn: c.issuedOn, expiresOn: c.expiresOn ?? '' })));
  const { busy, error, save } = useSaving();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      await saveMember(member?.id ?? null, {
        teamId,
        personal: { name: draft.name.trim(), ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}), ...(member?.personal?.idNumber ? { idNumber: member.personal.idNumber } : {}) },
        username: member?.username ?? null,
        skills: draft.skills
          .split(/[,，、;；]/)
          .map((s) => s.trim())
          .filter(Boolean),
        certificates: certs.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), kind: c.kind, ...(c.issuedOn ? { issuedOn: c.issuedOn } : {}), ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}) })),
        availability: draft.availability,
        availabilityNote: draft.availabilityNote.trim() || null,
        active: draft.active,
      });
      onDone();
    });
  };
  return (
    <form className="patrol-admin-form" data-testid="member-form" onSubmit={submit}>
      <h4>{member ? t('patrolAdmin.member.editTitle', { name: member.label }) : t('patrolAdmin.member.addTitle')}</h4>
      <div className="patrol-admin-grid">
        <label className="field">
          <span>{t('patrolAdmin.member.name')}</span>
          <input data-testid="member-name" value={draft.name} maxLength={50} required onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('patrolAdmin.member.phone')}</span>
          <input data-testid="member-phone" type="tel" value={draft.phone} maxLength={20} onChange={(e) => setDraft({ ...draft, phone: e.target.value })} />
        </label>
        <label className="field">
          <span>
            {t('patrolAdmin.member.skills')} <span className="muted">{t('patrolAdmin.member.skillsHint')}</span>
          </span>
          <input data-testid="member-skills" value={draft.skills} onChange={(e) => setDraft({ ...draft, skills: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('patrolAdmin.member.availability')}</span>
          <select data-testid="member-availability-input" value={draft.availability} onChange={(e) => setDraft({ ...draft, availability: e.target.value as Availability })}>
            {AVAILABILITY.map((a) => (
              <option key={a} value={a}>
                {t(`patrolAdmin.availability.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.member.availabilityNote')}</span>
          <input value={draft.availabilityNote} maxLength={200} onChange={(e) => setDraft({ ...draft, availabilityNote: e.target.value })} />
        </label>
        <label className="patrol-admin-check">
          <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
          {t('patrolAdmin.active')}
        </label>
      </div>
      <fieldset className="patrol-admin-fieldset">
        <legend>{t('patrolAdmin.member.certificates')}</legend>
        {certs.map((c, i) => (
          <div key={i} className="patrol-admin-row">
            <label className="field">
              <span>{t('patrolAdmin.member.certName')}</span>
              <input data-testid="cert-name" value={c.name} maxLength={100} onChange={(e) => setCerts(certs.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
            </label>
            <label className="field">
              <span>{t('patrolAdmin.member.certKind')}</span>
              <select value={c.kind} onChange={(e) => setCerts(certs.map((x, j) => (j === i ? { ...x, kind: e.target.value as CertDraft['kind'] } : x)))}>
                <option value="training">{t('patrolAdmin.cert.training')}</option>
                <option value="certificate">{t('patrolAdmin.cert.certificate')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('patrolAdmin.member.certExpires')}</span>
              <input data-testid="cert-expires" type="date" value={c.expiresOn} onChange={(e) => setCerts(certs.map((x, j) => (j === i ? { ...x, expiresOn: e.target.value } : x)))} />
            </label>
            <button type="button" className="btn btn-quiet" onClick={() => setCerts(certs.filter((_, j) => j !== i))}>
              {t('patrolAdmin.member.certRemove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn" data-testid="cert-add" onClick={() => setCerts([...certs, { name: '', kind: 'training', expiresOn: '' }])}>
          {t('patrolAdmin.member.certAdd')}
        </button>
      </fieldset>
      <FormFooter saveTestId="member-save" errorTestId="member-error" busy={busy} error={error} onCancel={onDone} />
    </form>
  );
}
