import { Link, useSearchParams } from 'react-router';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { svgSource, useCheckpointCodes, useCheckpoints } from './adminApi';
import { placeText, useLinesAndStations } from './shared';
import './admin.css';

/**
 * The labels to print (`?id=` one checkpoint, `?agency=` an agency's, else every one the reader
 * may see): name, place and the server's QR code per checkpoint. The print stylesheet leaves the
 * sheet alone on the paper, one label per cell, never split across pages.
 */
export function PrintSheet() {
  const { t } = useT();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const names = useLinesAndStations();
  const checkpoints = useCheckpoints();
  const id = params.get('id');
  const agency = params.get('agency');
  const chosen = (checkpoints.data ?? []).filter((c) => c.active && (id ? c.id === id : !agency || c.agencyId === agency));
  const codes = useCheckpointCodes(chosen.map((c) => c.id));
  const failed = codes.find((c) => c.error != null)?.error ?? checkpoints.error;
  return (
    <div className="print-sheet" data-testid="print-sheet">
      <header className="patrol-admin-head no-print">
        <h2>{t('patrolAdmin.print.title')}</h2>
        <button type="button" className="btn btn-primary" data-testid="print-now" onClick={() => window.print()}>
          {t('patrolAdmin.print.print')}
        </button>
        <Link className="btn" to="/patrols/checkpoints">
          {t('patrolAdmin.print.back')}
        </Link>
      </header>
      <p className="muted no-print">{t('patrolAdmin.print.hint')}</p>
      {failed != null && (
        <p className="notice notice-error no-print" role="alert">
          {errorText(failed)}
        </p>
      )}
      {checkpoints.isPending && <p className="muted no-print">{t('patrolAdmin.loading')}</p>}
      <ul className="print-labels">
        {chosen.map((cp, i) => {
          const code = codes[i]?.data;
          return (
            <li key={cp.id} className="print-label" data-testid="print-label" data-checkpoint={cp.id}>
              <strong className="print-label-name">{cp.name}</strong>
              <span className="print-label-place" data-testid="print-label-place">
                {placeText(cp, t, names)}
              </span>
              {code ? <img className="print-label-qr" data-testid="print-label-qr" src={svgSource(code.svg)} alt={t('patrolAdmin.cp.qrAlt', { name: cp.name })} width={210} height={255} /> : <span className="print-label-qr muted">{t('patrolAdmin.loading')}</span>}
              <span className="muted print-label-agency">{cp.agencyName}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
