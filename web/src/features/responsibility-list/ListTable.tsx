import type { AgencyType, ResponsibilityListVersion } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useLimitText } from './useLimitText';

/** The list grouped by category: one block per category with its legal basis, a row per place kind; the named agencies after it. */
export function ListTable({ version }: { version: ResponsibilityListVersion }) {
  const { t } = useT();
  const limit = useLimitText();
  const types = (xs: readonly AgencyType[]) => (xs.length ? xs.map((x) => t(`agency.${x}`)).join('、') : t('rlist.nobody'));
  const groups = new Map<string, ResponsibilityListVersion['rows']>();
  for (const r of version.rows) groups.set(r.categoryId, [...(groups.get(r.categoryId) ?? []), r]);
  return (
    <>
      <table className="hazards-table rlist-table" data-testid="rlist-table">
        <thead>
          <tr>
            <th>{t('rlist.place')}</th>
            <th>{t('rlist.lead')}</th>
            <th>{t('rlist.support')}</th>
            <th>{t('rlist.inform')}</th>
            <th>{t('rlist.limit')}</th>
          </tr>
        </thead>
        {[...groups.values()].map((rows) => {
          const c = rows[0]!;
          return (
            <tbody key={c.categoryId} data-testid="rlist-category" data-category={c.categoryId}>
              <tr className="rlist-category-row">
                <th colSpan={5}>
                  <span className="rlist-category-name">{c.categoryZh}</span>
                  <span className="muted rlist-basis">
                    {t('rlist.basis')}：{c.legalBasis}
                  </span>
                </th>
              </tr>
              {rows.map((r) => (
                <tr key={r.placeKind} data-testid="rlist-row">
                  <td>{t(`place.${r.placeKind}`)}</td>
                  <td>{types([r.lead])}</td>
                  <td>{types(r.support)}</td>
                  <td>{types(r.inform)}</td>
                  <td className="hazards-nowrap">{limit(r.timeLimitS)}</td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
      <details className="rlist-agencies" data-testid="rlist-agencies">
        <summary>{t('rlist.agencies')}</summary>
        <dl>
          {version.agencies.map((a) => (
            <div key={a.type}>
              <dt>{t(`agency.${a.type}`)}</dt>
              <dd>{a.agencies.length ? a.agencies.map((x) => x.name).join('、') : t('rlist.noAgencies')}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}
