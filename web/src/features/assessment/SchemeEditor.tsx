import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SchemeItem } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { assessmentKey, saveScheme, useIndicatorDefs, useSchemes } from './assessmentApi';

type Row = { on: boolean; weight: string; target: string; floor: string; rule: 'linear' | 'threshold' };

/**
 * The centre's scheme as a table of every indicator: whether it counts, its weight, target, floor
 * and rule. Saving makes a new version; the server refuses weights that do not sum to 100 and
 * floors on the wrong side of their targets, and says which field.
 */
export function SchemeEditor({ onSaved }: { onSaved: () => void }) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const defs = useIndicatorDefs(lang).data?.defs;
  const current = useSchemes(lang).data?.schemes[0];
  const [name, setName] = useState<string | null>(null);
  const [rows, setRows] = useState<Record<string, Row> | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!defs) return <p className="muted">{t('assessment.loading')}</p>;
  const initial = (): Record<string, Row> =>
    Object.fromEntries(
      defs.map((d) => {
        const x = current?.items.find((i) => i.indicatorId === d.id);
        return [d.id, { on: !!x, weight: x ? String(x.weight) : '', target: String(x?.target ?? d.target), floor: x?.floor === undefined ? '' : String(x.floor), rule: x?.rule ?? 'linear' }];
      }),
    );
  const form = rows ?? initial();
  const set = (id: string, patch: Partial<Row>) => setRows({ ...form, [id]: { ...form[id]!, ...patch } });
  const sum = Object.values(form).reduce((a, r) => a + (r.on ? Number(r.weight) || 0 : 0), 0);
  const save = async () => {
    setError(null);
    const items: SchemeItem[] = defs
      .filter((d) => form[d.id]!.on)
      .map((d) => {
        const r = form[d.id]!;
        return { indicatorId: d.id, weight: Number(r.weight), target: Number(r.target), ...(r.floor.trim() === '' ? {} : { floor: Number(r.floor) }), rule: r.rule };
      });
    try {
      await saveScheme({ name: (name ?? current?.name ?? t('assessment.defaultName')).trim(), items });
      await qc.invalidateQueries({ queryKey: assessmentKey });
      setRows(null);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="assessment-scheme" data-testid="assessment-scheme">
      <header className="hazards-head">
        <h3>{t('assessment.schemeTitle')}</h3>
        <input aria-label={t('assessment.schemeName')} value={name ?? current?.name ?? t('assessment.defaultName')} onChange={(e) => setName(e.target.value)} />
        <span data-testid="assessment-weight-sum" className={Math.abs(sum - 100) > 0.01 ? 'notice-error' : 'muted'}>{t('assessment.weightSum', { n: num(sum, 2) })}</span>
        <button type="button" className="btn btn-primary" data-testid="assessment-scheme-save" onClick={save}>{t('assessment.saveScheme')}</button>
      </header>
      {error != null && <p className="notice notice-error" role="alert" data-testid="assessment-scheme-error">{errorText(error)}</p>}
      <table className="assessment-table">
        <thead>
          <tr>
            <th />
            <th>{t('assessment.indicator')}</th>
            <th>{t('assessment.weight')}</th>
            <th>{t('assessment.target')}</th>
            <th>{t('assessment.floor')}</th>
            <th>{t('assessment.rule')}</th>
          </tr>
        </thead>
        <tbody>
          {defs.map((d) => {
            const r = form[d.id]!;
            return (
              <tr key={d.id} data-testid={`scheme-row-${d.id}`} title={d.formula}>
                <td><input type="checkbox" aria-label={d.name} checked={r.on} onChange={(e) => set(d.id, { on: e.target.checked })} /></td>
                <td>{d.name} <span className="muted">({t(`assessment.direction.${d.direction}`)})</span></td>
                <td><input className="num" inputMode="decimal" aria-label={t('assessment.weight')} value={r.weight} disabled={!r.on} onChange={(e) => set(d.id, { weight: e.target.value })} /></td>
                <td><input className="num" inputMode="decimal" aria-label={t('assessment.target')} value={r.target} disabled={!r.on} onChange={(e) => set(d.id, { target: e.target.value })} /></td>
                <td><input className="num" inputMode="decimal" aria-label={t('assessment.floor')} value={r.floor} disabled={!r.on || r.rule === 'threshold'} onChange={(e) => set(d.id, { floor: e.target.value })} /></td>
                <td>
                  <select aria-label={t('assessment.rule')} value={r.rule} disabled={!r.on} onChange={(e) => set(d.id, { rule: e.target.value as Row['rule'] })}>
                    <option value="linear">{t('assessment.rule.linear')}</option>
                    <option value="threshold">{t('assessment.rule.threshold')}</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
