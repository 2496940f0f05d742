import { useMemo, useState } from 'react';
import type { PostCandidateInput, PostPlan } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { useAgencies } from '../dispatch/useAgencies';
import { normalMileage, useLinesAndStations } from '../patrol-admin/shared';
import { useCandidateChanges, usePostCandidates } from './postsApi';

/** Agencies that can staff a post: the police along the line. */
const STAFFING = new Set(['railway_police_station', 'railway_police_department', 'county_police_bureau', 'train_police_team']);

/**
 * 候选地点: places analysts add to the candidate posts (a line and mileage, or a point, and the
 * agency that would staff it), with whether the last plan chose each.
 */
export function CandidatePlaces({ plan }: { plan: PostPlan | null }) {
  const { t } = useT();
  const errorText = useErrorText();
  const agencies = useAgencies();
  const { lines, lineName } = useLinesAndStations();
  const list = usePostCandidates();
  const { add, remove } = useCandidateChanges();
  const staffing = useMemo(() => agencies.filter((a) => STAFFING.has(a.type)), [agencies]);
  const [name, setName] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [mode, setMode] = useState<'mileage' | 'point'>('mileage');
  const [lineId, setLineId] = useState('');
  const [mileage, setMileage] = useState('');
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const chosen = useMemo(() => new Map(plan?.sites.filter((s) => s.kind === 'user_place').map((s) => [s.id.replace(/^place:/, ''), s.chosen]) ?? []), [plan]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input: PostCandidateInput =
      mode === 'mileage'
        ? { name, agencyId: agencyId || (staffing[0]?.id ?? ''), lineId: lineId || (lines[0]?.id ?? ''), mileage: normalMileage(mileage) }
        : { name, agencyId: agencyId || (staffing[0]?.id ?? ''), coordinates: [Number(lon), Number(lat)] };
    add.mutate(input, {
      onSuccess: () => {
        setName('');
        setMileage('');
      },
    });
  };
  const failed = add.error ?? remove.error ?? list.error;

  return (
    <section className="posts-candidates" data-testid="posts-candidates">
      <h3>{t('posts.candidates')}</h3>
      <p className="muted">{t('posts.candidatesHint')}</p>
      <form className="risk-head" onSubmit={submit} data-testid="posts-cand-form">
        <label className="field-inline">
          {t('posts.cand.name')}
          <input required maxLength={100} data-testid="posts-cand-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field-inline">
          {t('posts.cand.agency')}
          <select data-testid="posts-cand-agency" value={agencyId || (staffing[0]?.id ?? '')} onChange={(e) => setAgencyId(e.target.value)}>
            {staffing.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('posts.cand.where')}
          <select data-testid="posts-cand-mode" value={mode} onChange={(e) => setMode(e.target.value as 'mileage' | 'point')}>
            <option value="mileage">{t('posts.cand.byMileage')}</option>
            <option value="point">{t('posts.cand.byPoint')}</option>
          </select>
        </label>
        {mode === 'mileage' ? (
          <>
            <label className="field-inline">
              {t('posts.cand.line')}
              <select data-testid="posts-cand-line" value={lineId || (lines[0]?.id ?? '')} onChange={(e) => setLineId(e.target.value)}>
                {lines.map((l) => (
                  <option key={l.id} value={l.id}>{l.name}</option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              {t('posts.cand.mileage')}
              <input required className="posts-mileage" data-testid="posts-cand-mileage" value={mileage} onChange={(e) => setMileage(e.target.value)} />
            </label>
          </>
        ) : (
          <>
            <label className="field-inline">
              {t('posts.cand.lon')}
              <input required type="number" step="any" min={-180} max={180} data-testid="posts-cand-lon" value={lon} onChange={(e) => setLon(e.target.value)} />
            </label>
            <label className="field-inline">
              {t('posts.cand.lat')}
              <input required type="number" step="any" min={-90} max={90} data-testid="posts-cand-lat" value={lat} onChange={(e) => setLat(e.target.value)} />
            </label>
          </>
        )}
        <button type="submit" className="btn" data-testid="posts-cand-add" disabled={add.isPending}>{t('posts.cand.add')}</button>
      </form>
      {failed != null && <p className="notice notice-error" role="alert" data-testid="posts-cand-error">{errorText(failed)}</p>}
      {list.data && list.data.length === 0 && <p className="muted">{t('posts.cand.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="risk-table" data-testid="posts-cand-list">
          <thead>
            <tr>
              <th>{t('posts.cand.name')}</th>
              <th>{t('posts.cand.agency')}</th>
              <th>{t('posts.cand.where')}</th>
              <th>{t('posts.cand.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => {
              const state = chosen.has(c.id) ? (chosen.get(c.id) ? 'chosen' : 'notChosen') : 'notRun';
              return (
                <tr key={c.id} data-testid="posts-cand-row" data-name={c.name} data-state={state}>
                  <td>{c.name}</td>
                  <td>{c.agencyName}</td>
                  <td>{c.lineId && c.mileage ? t('posts.cand.at', { line: lineName(c.lineId), mileage: normalMileage(c.mileage) }) : `${c.coordinates[0].toFixed(5)}, ${c.coordinates[1].toFixed(5)}`}</td>
                  <td className={state === 'chosen' ? 'posts-up' : undefined}>{t(`posts.cand.${state}`)}</td>
                  <td>
                    <button type="button" className="btn" data-testid="posts-cand-remove" disabled={remove.isPending} onClick={() => remove.mutate(c.id)}>{t('posts.cand.remove')}</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
