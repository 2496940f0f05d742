import { useState } from 'react';
import { Link } from 'react-router';
import type { AssessmentResult } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { paths } from '../../app/paths';
import { formatDateTime } from '../incidents/formatDateTime';
import { useRecords } from './assessmentApi';

/** One agency's items: value against target, score, points and the explanation; each opens the records it was measured on. */
export function AgencyItems({ result, agencyId }: { result: AssessmentResult; agencyId: string }) {
  const { t, num } = useT();
  const [open, setOpen] = useState<string | null>(null);
  const a = result.agencies.find((x) => x.agencyId === agencyId)!;
  return (
    <div className="assessment-items" data-testid="assessment-items">
      <h3>
        {a.agencyName} · {a.total === null ? '—' : t('assessment.points', { n: num(a.total, 1) })}
      </h3>
      <ul>
        {a.items!.map((x) => (
          <li key={x.indicatorId} data-testid={`assessment-item-${x.indicatorId}`} className={x.score === null ? 'is-unmeasured' : x.score >= 100 ? 'is-met' : x.score === 0 ? 'is-missed' : undefined}>
            <div className="assessment-item-head">
              <strong>{x.indicatorName}</strong>
              <span className="num">{x.points === null ? '—' : t('assessment.points', { n: num(x.points, 1) })}</span>
            </div>
            <p className="assessment-explanation" data-testid="assessment-explanation">{x.explanation}</p>
            {x.denominator > 0 && (
              <button type="button" className="link" data-testid="assessment-records-open" onClick={() => setOpen(open === x.indicatorId ? null : x.indicatorId)}>
                {open === x.indicatorId ? t('assessment.recordsHide') : t('assessment.records', { n: num(x.denominator, 0) })}
              </button>
            )}
            {open === x.indicatorId && <Records indicatorId={x.indicatorId} agencyId={agencyId} from={result.from} to={result.to} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Records(q: { indicatorId: string; agencyId: string; from: string; to: string }) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const r = useRecords(q);
  if (r.error != null) return <p className="notice notice-error" role="alert">{errorText(r.error)}</p>;
  if (!r.data) return <p className="muted">{t('assessment.loading')}</p>;
  return (
    <table className="assessment-records" data-testid="assessment-records">
      <tbody>
        {r.data.records.map((x) => (
          <tr key={`${x.kind}:${x.id}`} className={x.ok === false ? 'is-missed' : undefined}>
            <td>{formatDateTime(x.at, lang)}</td>
            <td>{x.incidentCode ? <Link to={paths.incident(x.incidentCode)}>{x.label}</Link> : x.label}</td>
            <td className="num">{x.measure === null ? '' : num(x.measure, 1)}</td>
            <td>{x.ok === null ? '' : x.ok ? '✓' : '✗'}</td>
          </tr>
        ))}
        {r.data.truncated && (
          <tr>
            <td colSpan={4} className="muted">{t('assessment.truncated')}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
