import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { paths } from '../../app/paths';
import { setMapLayer } from '../map/useMapLayers';
import { rememberPostParams, usePostPlan, type PostParams } from './postsApi';
import { POST_COLOURS } from './postsLayer';
import './posts.css';

/**
 * 岗位配置: where p posts would cover the most risk along the line, beside where the patrol cars
 * stand now — the share of the risk each covers within the time limit, the gain, the posts, and
 * on the map which stretches gain and lose.
 */
export function PostsTab() {
  const { t, num } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form, setForm] = useState<PostParams>({ p: 20, limitMin: 15, method: 'nkde' });
  const [asked, setAsked] = useState<PostParams | null>(null);
  const q = usePostPlan(asked);
  const plan = q.data;
  const run = () => {
    rememberPostParams(form);
    setAsked({ ...form });
  };
  const onMap = () => {
    setMapLayer('posts', true);
    navigate(paths.map);
  };
  const gained = plan?.demands.filter((d) => d.proposed && !d.now).length ?? 0;
  const lost = plan?.demands.filter((d) => d.now && !d.proposed).length ?? 0;
  return (
    <div className="posts-tab" data-testid="posts-tab">
      <header className="risk-head">
        <label className="field-inline">
          {t('posts.p')}
          <input type="number" min={1} max={200} data-testid="posts-p" value={form.p} onChange={(e) => setForm({ ...form, p: Number(e.target.value) })} />
        </label>
        <label className="field-inline">
          {t('posts.limit')}
          <input type="number" min={1} max={120} data-testid="posts-limit" value={form.limitMin} onChange={(e) => setForm({ ...form, limitMin: Number(e.target.value) })} />
        </label>
        <label className="field-inline">
          {t('posts.method')}
          <select value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as PostParams['method'] })}>
            {(['nkde', 'rtm', 'near_repeat', 'retrospective'] as const).map((m) => (
              <option key={m} value={m}>{t(`risk.method.${m}`)}</option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" data-testid="posts-run" onClick={run}>{t('posts.run')}</button>
        {plan && <button type="button" className="btn" data-testid="posts-map" onClick={onMap}>{t('posts.onMap')}</button>}
      </header>
      {q.error != null && <p className="notice notice-error" role="alert">{errorText(q.error)}</p>}
      {q.isFetching && <p className="muted">{t('posts.running')}</p>}
      {plan && (
        <>
          <div className="posts-compare" data-testid="posts-compare">
            <Bar label={t('posts.current', { n: plan.current.posts })} share={plan.current.share} colour={POST_COLOURS.current} testId="posts-current" />
            <Bar label={t('posts.proposed', { n: plan.proposed.posts })} share={plan.proposed.share} colour={POST_COLOURS.proposed} testId="posts-proposed" />
          </div>
          <p data-testid="posts-gain">
            {t('posts.gain', { points: num(plan.proposed.share - plan.current.share, 1), gained, lost, gap: num(plan.proposed.gapPct, 2) })}
          </p>
          <ul className="posts-assumptions">{plan.assumptions.map((a) => <li key={a}>{a}</li>)}</ul>
          <table className="risk-table" data-testid="posts-list">
            <thead>
              <tr>
                <th>{t('posts.site')}</th>
                <th>{t('posts.kind')}</th>
                <th>{t('posts.role')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.sites.filter((s) => s.chosen).map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{t(`posts.kind.${s.kind}`)}</td>
                  <td>{s.current ? t('posts.role.both') : t('posts.role.new')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function Bar({ label, share, colour, testId }: { label: string; share: number; colour: string; testId: string }) {
  const { num } = useT();
  return (
    <div className="posts-bar" data-testid={testId} data-share={share}>
      <span className="posts-bar-label">{label}</span>
      <span className="posts-bar-track">
        <span className="posts-bar-fill" style={{ width: `${Math.min(100, share)}%`, background: colour }} />
      </span>
      <span className="posts-bar-value">{num(share, 1)}%</span>
    </div>
  );
}
