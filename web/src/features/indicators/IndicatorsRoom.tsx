import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { beijingMonth, type IndicatorDef, type IndicatorTable } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { paths } from '../../app/paths';
import { useErrorText } from '../../api/useErrorText';
import { platformNow } from '../../api/platformClock';
import { formatDateTime } from '../incidents/formatDateTime';
import { GovernanceTabs } from '../governance/GovernanceTabs';
import { useAgencies } from '../dispatch/useAgencies';
import { useIndicatorRecords, useIndicatorTable } from './indicatorsApi';
import { digitsFor, meetsTarget, shownAgencies } from './figures';
import '../hazards/hazards.css';
import './indicators.css';

type Cell = { indicatorId: string; agencyId: string };

/**
 * 指标: a month's indicators (rows) per agency (columns) — every agency for the centre, the
 * reader's own for anyone else, as the server decides — each figure coloured against its target
 * and opening the records behind it.
 */
export function IndicatorsRoom() {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  // the running Beijing month on the platform's clock
  const [month, setMonth] = useState(() => beijingMonth(platformNow()));
  const [open, setOpen] = useState<Cell | null>(null);
  // the department has some 190 agencies: the centre narrows the columns by kind, and to those with figures
  const [kind, setKind] = useState('');
  const [measuredOnly, setMeasuredOnly] = useState(true);
  const q = useIndicatorTable(month, lang);
  const tab = q.data;
  const known = useAgencies();
  const types = useMemo(() => new Map(known.map((a) => [a.id, a.type as string])), [known]);
  const columns = useMemo(() => (tab ? shownAgencies(tab, { kind, measuredOnly, typeOf: (id) => types.get(id) }) : []), [tab, kind, measuredOnly, types]);
  const kinds = tab && tab.agencies.length > 1 ? [...new Set(tab.agencies.map((a) => types.get(a.id)).filter((x): x is string => !!x))] : [];
  const unit = (d: IndicatorDef) => t(`indicators.unit.${d.unit}` as MessageKey);
  const figure = (d: IndicatorDef, v: number) => `${num(v, digitsFor(d.unit))}${d.unit === 'percent' ? '' : ' '}${unit(d)}`.trim();
  return (
    <main className="hazards-room" data-testid="indicators-room">
      <GovernanceTabs />
      <header className="indicators-head">
        <h2>{t('indicators.title')}</h2>
        <label>
          {t('indicators.month')}{' '}
          <input
            type="month"
            data-testid="indicators-month"
            value={month}
            onChange={(e) => {
              if (!/^\d{4}-\d{2}$/.test(e.target.value)) return;
              setOpen(null);
              setMonth(e.target.value);
            }}
          />
        </label>
        {kinds.length > 1 && (
          <select data-testid="indicators-kind" value={kind} onChange={(e) => setKind(e.target.value)} aria-label={t('indicators.kind')}>
            <option value="">{t('indicators.kindAll')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`agency.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
        {tab && tab.agencies.length > 1 && (
          <label>
            <input type="checkbox" data-testid="indicators-measured" checked={measuredOnly} onChange={(e) => setMeasuredOnly(e.target.checked)} /> {t('indicators.measuredOnly')}
          </label>
        )}
      </header>
      {q.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(q.error)}
        </p>
      )}
      {q.isPending && <p className="muted">{t('indicators.loading')}</p>}
      {tab && tab.agencies.length === 0 && <p className="muted">{t('indicators.none')}</p>}
      {tab && tab.agencies.length > 0 && (
        <div className="indicators-scroll">
          <table className="indicators-table" data-testid="indicators-table">
            <thead>
              <tr>
                <th>{t('indicators.indicator')}</th>
                <th>{t('indicators.target')}</th>
                {columns.map((a) => (
                  <th key={a.id} className={columns.length > 1 ? 'indicators-agency' : undefined} title={a.name}>
                    <span>{a.name}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tab.defs.map((d) => (
                <tr key={d.id} data-testid="indicator-row" data-indicator={d.id}>
                  <td className="indicators-name" title={`${t('indicators.formula')}: ${d.formula}`}>
                    {d.name}
                    <span className="muted-line">{d.formula}</span>
                  </td>
                  <td className="num">
                    {d.direction === 'higher_better' ? '≥' : '≤'} {figure(d, d.target)}
                  </td>
                  {columns.map((a) => (
                    <td key={a.id} className="num">
                      <FigureCell tab={tab} def={d} agencyId={a.id} figure={figure} open={open} onOpen={setOpen} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tab && open && <Records tab={tab} cell={open} month={month} onClose={() => setOpen(null)} />}
    </main>
  );
}

function FigureCell(p: { tab: IndicatorTable; def: IndicatorDef; agencyId: string; figure: (d: IndicatorDef, v: number) => string; open: Cell | null; onOpen: (c: Cell) => void }) {
  const { t } = useT();
  const v = p.tab.values.find((x) => x.indicatorId === p.def.id && x.agencyId === p.agencyId);
  const met = meetsTarget(p.def, v?.value ?? null);
  const isOpen = p.open?.indicatorId === p.def.id && p.open.agencyId === p.agencyId;
  const cls = ['indicators-cell', met === null ? 'is-unmeasured' : met ? 'is-met' : 'is-missed', isOpen ? 'is-open' : ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={cls}
      data-testid="indicator-cell"
      data-agency={p.agencyId}
      title={met === null ? undefined : `${v!.numerator} / ${v!.denominator} · ${met ? t('indicators.met') : t('indicators.missed')}`}
      onClick={() => p.onOpen({ indicatorId: p.def.id, agencyId: p.agencyId })}
    >
      {v?.value === null || v === undefined ? t('indicators.unmeasured') : p.figure(p.def, v.value)}
    </button>
  );
}

function Records(p: { tab: IndicatorTable; cell: Cell; month: string; onClose: () => void }) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const r = useIndicatorRecords({ ...p.cell, month: p.month });
  const def = p.tab.defs.find((d) => d.id === p.cell.indicatorId);
  const agency = p.tab.agencies.find((a) => a.id === p.cell.agencyId);
  return (
    <section className="indicators-records" data-testid="indicator-records">
      <header className="indicators-head">
        <h3>{t('indicators.records', { indicator: def?.name ?? p.cell.indicatorId, agency: agency?.name ?? p.cell.agencyId, n: r.data?.records.length ?? '…' })}</h3>
        <button type="button" className="btn btn-quiet" onClick={p.onClose}>
          {t('indicators.close')}
        </button>
      </header>
      {r.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(r.error)}
        </p>
      )}
      {r.data && r.data.records.length === 0 && <p className="muted">{t('indicators.recordsNone')}</p>}
      {r.data && r.data.records.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('indicators.at')}</th>
              <th>{t('indicators.record')}</th>
              <th>{t('indicators.measure')}</th>
              <th>{t('indicators.ok')}</th>
            </tr>
          </thead>
          <tbody>
            {r.data.records.map((x) => (
              <tr key={`${x.kind}:${x.id}`} data-testid="indicator-record" className={x.ok === false ? 'is-missed' : undefined}>
                <td>{formatDateTime(x.at, lang)}</td>
                <td>{x.incidentCode ? <Link to={paths.incident(x.incidentCode)}>{x.label}</Link> : x.label}</td>
                <td className="num">{x.measure === null ? '' : num(x.measure, 1)}</td>
                <td>{x.ok === null ? '' : x.ok ? '✓' : '✗'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.data?.truncated && <p className="muted">{t('indicators.truncated')}</p>}
    </section>
  );
}
