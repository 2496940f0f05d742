import type { ResponsibilityListRow } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { useListDiff } from './listApi';

/** What a version changed against the one before it: rows added, removed, and changed with the fields that did. */
export function DiffView({ from, to }: { from: number; to: number }) {
  const { t } = useT();
  const errorText = useErrorText();
  const q = useListDiff(from, to);
  const d = q.data;
  const name = (r: ResponsibilityListRow) => `${r.categoryZh} · ${t(`place.${r.placeKind}`)}`;
  return (
    <section className="rlist-diff" data-testid="rlist-diff">
      <h3>{t('rlist.diff.title', { n: from })}</h3>
      {q.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(q.error)}
        </p>
      )}
      {d && !d.added.length && !d.removed.length && !d.changed.length && <p className="muted">{t('rlist.diff.none')}</p>}
      {d && (
        <ul>
          {d.added.map((r) => (
            <li key={`a-${r.categoryId}-${r.placeKind}`} data-testid="rlist-diff-added">
              <strong>{t('rlist.diff.added')}</strong> {name(r)}
            </li>
          ))}
          {d.removed.map((r) => (
            <li key={`r-${r.categoryId}-${r.placeKind}`} data-testid="rlist-diff-removed">
              <strong>{t('rlist.diff.removed')}</strong> {name(r)}
            </li>
          ))}
          {d.changed.map((c) => (
            <li key={`c-${c.after.categoryId}-${c.after.placeKind}`} data-testid="rlist-diff-changed">
              <strong>{t('rlist.diff.changed')}</strong> {name(c.after)}：{c.fields.map((f) => t(`rlist.field.${f}`)).join('、')}
              {c.fields.includes('lead') && ` (${t(`agency.${c.before.lead}`)} → ${t(`agency.${c.after.lead}`)})`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
