import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useIncidentCameras } from './deviceApi';
import './devices.css';

/**
 * The console's content security policy loads images from its own origin only, so a snapshot an
 * NVR serves elsewhere is a link (opened in its own tab) rather than an image the policy would
 * refuse; one served through the console's origin (a reverse proxy path) shows inline.
 */
function sameOrigin(url: string): boolean {
  try {
    return new URL(url, window.location.href).origin === window.location.origin;
  } catch {
    return false;
  }
}

/** 覆盖现场的摄像机: the cameras whose field of view holds the incident's place, with snapshot and live view. */
export function IncidentCameras({ incidentId }: { incidentId: string }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const { data, error } = useIncidentCameras(incidentId);
  if (!data && !error) return null;
  return (
    <section className="incident-cameras" data-testid="incident-cameras" aria-labelledby="incident-cameras-title">
      <h3 id="incident-cameras-title">{t('devices.cameras')}</h3>
      {error && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {data && data.cameras.length === 0 && <p className="muted">{t('devices.cameras.none')}</p>}
      {data && data.cameras.length > 0 && (
        <ul className="camera-list">
          {data.cameras.map((c) => (
            <li key={c.id} data-testid="incident-camera" data-device={c.id}>
              {c.snapshotUrl && sameOrigin(c.snapshotUrl) && <img className="camera-snapshot" src={c.snapshotUrl} alt={t('devices.cameras.snapshotAlt', { name: c.name })} loading="lazy" />}
              <div>
                <strong>{c.name}</strong>{' '}
                <span className={`device-status device-${c.online ? 'online' : 'offline'}`}>{t(c.online ? 'devices.status.online' : 'devices.status.offline')}</span>
                <div className="muted">{t('devices.cameras.distance', { m: num(c.distanceM) })}</div>
                <div className="camera-links">
                  {c.snapshotUrl && (
                    <a href={c.snapshotUrl} target="_blank" rel="noopener noreferrer" data-testid="camera-snapshot">
                      {t('devices.cameras.snapshot')}
                    </a>
                  )}
                  {c.streamUrl && (
                    <a href={c.streamUrl} target="_blank" rel="noopener noreferrer" data-testid="camera-live">
                      {t('devices.cameras.live')}
                    </a>
                  )}
                  {!c.snapshotUrl && !c.streamUrl && <span className="muted">{t('devices.cameras.noLinks')}</span>}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
