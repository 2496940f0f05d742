import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { EffectivenessReport } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { request } from '../../api/client';
import './posts.css';

const pdfUrl = (q: Params, lang: string) => `/api/allocation/effectiveness.pdf?days=${q.days}&p=${q.p}&limitMin=${q.limitMin}&lang=${encodeURIComponent(lang)}`;

type Params = { days: number; p: number; limitMin: number };

/**
 * 成效评估: the three answers the study asks of the mechanism, on the department's data now — joint
 * against siloed response, optimal against current posts, randomised against fixed patrols — each
 * number shown as two bars with its assumptions beneath it, and the same as a PDF.
 */
export function EffectivenessTab() {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const [form, setForm] = useState<Params>({ days: 28, p: 20, limitMin: 15 });
  const [asked, setAsked] = useState<Params | null>(null);
  const q = useQuery({
    queryKey: ['allocation', 'effectiveness', asked, lang],
    queryFn: ({ signal }) => request('GET', '/api/allocation/effectiveness', { query: asked!, schema: EffectivenessReport, signal }),
    enabled: !!asked,
    staleTime: 300_000,
  });
  const r = q.data;
  const minutes = (s: number | null) => (s === null ? '—' : num(s / 60, 0));
  return (
    <div className="effectiveness-tab" data-testid="effectiveness-tab">
      <header className="risk-head">
        <label className="field-inline">
          {t('effect.days')}
          <input type="number" min={1} max={90} value={form.days} onChange={(e) => setForm({ ...form, days: Number(e.target.value) })} />
        </label>
        <label className="field-inline">
          {t('posts.p')}
          <input type="number" min={1} max={200} value={form.p} onChange={(e) => setForm({ ...form, p: Number(e.target.value) })} />
        </label>
        <label className="field-inline">
          {t('posts.limit')}
          <input type="number" min={1} max={120} value={form.limitMin} onChange={(e) => setForm({ ...form, limitMin: Number(e.target.value) })} />
        </label>
        <button type="button" className="btn btn-primary" data-testid="effect-run" onClick={() => setAsked({ ...form })}>{t('effect.run')}</button>
        {r && asked && <a className="btn" data-testid="effect-pdf" href={pdfUrl(asked, lang)} download>{t('effect.pdf')}</a>}
      </header>
      {q.error != null && <p className="notice notice-error" role="alert">{errorText(q.error)}</p>}
      {q.isFetching && <p className="muted">{t('effect.running')}</p>}
      {r && (
        <div className="effect-answers">
          <section data-testid="effect-response">
            <h3>{t('effect.q.response')}</h3>
            <p className="effect-headline">{r.response.p90FasterPct === null ? '—' : t('effect.a.response', { pct: num(r.response.p90FasterPct, 1), pts: num(r.response.withinLimitGainPts ?? 0, 1) })}</p>
            <Bars rows={[{ label: t('effect.siloed'), value: r.response.siloed.p90S ?? 0, text: t('effect.p90', { min: minutes(r.response.siloed.p90S) }), colour: '#e8684a' }, { label: t('effect.joint'), value: r.response.joint.p90S ?? 0, text: t('effect.p90', { min: minutes(r.response.joint.p90S) }), colour: '#2f9e44' }]} />
            <Assumptions list={r.response.assumptions} />
          </section>
          <section data-testid="effect-posts">
            <h3>{t('effect.q.posts')}</h3>
            <p className="effect-headline">{t('effect.a.posts', { pts: num(r.posts.gainPts, 1), min: r.posts.limitMin })}</p>
            <Bars rows={[{ label: t('posts.current', { n: r.posts.currentPosts }), value: r.posts.currentShare, text: `${num(r.posts.currentShare, 1)}%`, colour: '#2f6fde' }, { label: t('posts.proposed', { n: r.posts.p }), value: r.posts.proposedShare, text: `${num(r.posts.proposedShare, 1)}%`, colour: '#2f9e44' }]} />
            <Assumptions list={r.posts.assumptions} />
          </section>
          <section data-testid="effect-patrols">
            <h3>{t('effect.q.patrols')}</h3>
            <p className="effect-headline">{r.patrols.betterThanFixedPct === null ? '—' : t('effect.a.patrols', { pct: num(r.patrols.betterThanFixedPct, 1) })}</p>
            <Bars
              rows={[
                { label: t('effect.fixed'), value: r.patrols.byRank, text: `${num(100 * r.patrols.byRank, 2)}%`, colour: '#e8684a' },
                { label: t('effect.uniform'), value: r.patrols.uniform, text: `${num(100 * r.patrols.uniform, 2)}%`, colour: '#f0b429' },
                { label: t('effect.randomised'), value: r.patrols.game, text: `${num(100 * r.patrols.game, 2)}%`, colour: '#2f9e44' },
              ]}
            />
            <Assumptions list={r.patrols.assumptions} />
          </section>
        </div>
      )}
    </div>
  );
}

function Bars({ rows }: { rows: Array<{ label: string; value: number; text: string; colour: string }> }) {
  const top = Math.max(...rows.map((r) => r.value), 1e-9);
  return (
    <div className="posts-compare">
      {rows.map((r) => (
        <div key={r.label} className="posts-bar" data-value={r.value}>
          <span className="posts-bar-label">{r.label}</span>
          <span className="posts-bar-track">
            <span className="posts-bar-fill" style={{ width: `${(100 * r.value) / top}%`, background: r.colour }} />
          </span>
          <span className="posts-bar-value">{r.text}</span>
        </div>
      ))}
    </div>
  );
}

function Assumptions({ list }: { list: string[] }) {
  return (
    <ul className="posts-assumptions">
      {list.map((a) => (
        <li key={a}>{a}</li>
      ))}
    </ul>
  );
}
