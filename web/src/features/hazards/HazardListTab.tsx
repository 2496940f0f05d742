import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { HAZARD_SEVERITIES, HAZARD_TYPES, type User } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { useHazards, type HazardFilters } from './hazardApi';
import { byUrgency, matches, placeText } from './hazardText';
import { HazardPanel } from './HazardPanel';
import { HazardReportForm } from './HazardReportForm';
import { FindingsToRegister } from './FindingsToRegister';

/** The hazards the reader's agency may see, most pressing first, with the chosen one's page beside them. */
export function HazardListTab({ user, selectedId }: { user: User; selectedId: string | undefined }) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<HazardFilters>({ view: 'open', type: '', severity: '' });
  const [township, setTownship] = useState('');
  const [words, setWords] = useState('');
  const [reporting, setReporting] = useState(false);
  const list = useHazards(filters);
  const all = list.data?.hazards;
  const townships = useMemo(() => [...new Map((all ?? []).filter((h) => h.townshipId).map((h) => [h.townshipId!, h.townshipName ?? h.townshipId!])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')), [all]);
  const shown = useMemo(() => (all ?? []).filter((h) => (!township || h.townshipId === township) && matches(h, words, t)).sort(byUrgency), [all, township, words, t]);
  const mayReport = user.roles.some((r) => r !== 'auditor');
  const open = (id: string) => {
    setReporting(false);
    navigate(paths.hazard(id));
  };
  const set = (patch: Partial<HazardFilters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <div className="hazards-split">
      <section className="hazards-list" aria-label={t('hazards.tab.list')}>
        <header className="hazards-head">
          <label className="field-inline">
            <span>{t('hazards.filter.status')}</span>
            <select data-testid="hazards-view" value={filters.view} onChange={(e) => set({ view: e.target.value as HazardFilters['view'] })}>
              <option value="open">{t('hazards.filter.open')}</option>
              <option value="overdue">{t('hazards.filter.overdue')}</option>
              <option value="all">{t('hazards.filter.all')}</option>
            </select>
          </label>
          <label className="field-inline">
            <span>{t('hazards.filter.type')}</span>
            <select data-testid="hazards-type" value={filters.type} onChange={(e) => set({ type: e.target.value })}>
              <option value="">{t('hazards.filter.any')}</option>
              {HAZARD_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`hazards.type.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{t('hazards.filter.severity')}</span>
            <select data-testid="hazards-severity" value={filters.severity} onChange={(e) => set({ severity: e.target.value })}>
              <option value="">{t('hazards.filter.any')}</option>
              {HAZARD_SEVERITIES.map((x) => (
                <option key={x} value={x}>
                  {t(`hazards.severity.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{t('hazards.filter.township')}</span>
            <select data-testid="hazards-township" value={township} onChange={(e) => setTownship(e.target.value)}>
              <option value="">{t('hazards.filter.any')}</option>
              {townships.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <input type="search" className="hazards-search" data-testid="hazards-search" placeholder={t('hazards.search')} aria-label={t('hazards.search')} value={words} onChange={(e) => setWords(e.target.value)} />
          {mayReport && (
            <button type="button" className="btn btn-primary" data-testid="hazard-new" onClick={() => setReporting(true)}>
              {t('hazards.new')}
            </button>
          )}
        </header>
        {mayReport && <FindingsToRegister onRegistered={open} />}
        {list.error != null && (
          <p className="notice notice-error" role="alert">
            {errorText(list.error)}
          </p>
        )}
        {list.isPending && <p className="muted">{t('hazards.loading')}</p>}
        {all && <p className="muted hazards-count">{t('hazards.count', { n: num(shown.length) })}</p>}
        {all && shown.length === 0 && <p className="muted">{t('hazards.none')}</p>}
        {shown.length > 0 && (
          <div className="hazards-table-wrap">
            <table className="hazards-table" data-testid="hazards-table">
              <thead>
                <tr>
                  <th>{t('hazards.col.code')}</th>
                  <th>{t('hazards.col.type')}</th>
                  <th>{t('hazards.col.severity')}</th>
                  <th>{t('hazards.col.status')}</th>
                  <th>{t('hazards.col.place')}</th>
                  <th>{t('hazards.col.township')}</th>
                  <th>{t('hazards.col.owners')}</th>
                  <th>{t('hazards.col.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((h) => (
                  <tr key={h.id} data-testid="hazard-row" data-code={h.code} data-status={h.status} className={[h.id === selectedId ? 'is-selected' : '', h.overdue ? 'is-overdue' : ''].join(' ').trim() || undefined} onClick={() => open(h.id)}>
                    <td>
                      <button type="button" className="btn btn-quiet hazards-link" data-testid="hazard-open" onClick={(e) => (e.stopPropagation(), open(h.id))}>
                        {h.code}
                      </button>
                    </td>
                    <td>{t(`hazards.type.${h.type}`)}</td>
                    <td>
                      <span className={`hazard-severity is-${h.severity}`}>{t(`hazards.severity.${h.severity}`)}</span>
                    </td>
                    <td>
                      <span className={`hazard-status is-${h.status}`}>{t(`hazards.status.${h.status}`)}</span>
                      {h.overdue && (
                        <span className="hazard-flag is-bad" data-testid="hazard-overdue">
                          {t('hazards.overdue')}
                        </span>
                      )}
                    </td>
                    <td className="hazards-nowrap">{placeText(h)}</td>
                    <td>{h.townshipName ?? ''}</td>
                    <td>
                      {h.railwayOwner.agencyName}
                      <br />
                      {h.localOwner.agencyName}
                    </td>
                    <td className="hazards-nowrap">{formatDateTime(h.deadline, lang).slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="hazards-detail">
        {reporting ? <HazardReportForm onDone={(id) => (id ? open(id) : setReporting(false))} /> : selectedId ? <HazardPanel id={selectedId} /> : <p className="muted">{t('hazards.detail.none')}</p>}
      </section>
    </div>
  );
}
