import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { standardCharts, type WallIncident } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { ApiError } from '../../api/errors';
import { useLiveMode } from '../../api/useLiveSync';
import { usePlatformNow } from '../../api/usePlatformNow';
import { DISPLAY_TIME_ZONE } from '../incidents/formatDateTime';
import { MapView } from '../map/MapView';
import { useNetworkData } from '../map/useNetworkData';
import { useIncidentFeed } from '../incidents/useIncidentFeed';
import { useRoomMarkers } from '../incidents/useRoomMarkers';
import { EChart } from '../charts/EChart';
import { useWall } from './wallApi';
import './wall.css';

/** A P1 stays marked new this long after the wall first showed it. */
const NEW_FOR_MS = 60_000;

const clockFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: DISPLAY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/**
 * 指挥大屏: the centre's wall at 1920×1080 — today's counts, the live map, the open P1s (a new one
 * marked), joint commands, limits breached and the charts, dark and large enough to read across
 * the room. No top bar: it is opened full screen and left alone; the live channel keeps it current.
 */
export function WallPage() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const wall = useWall(lang);
  const live = useLiveMode();
  const now = usePlatformNow();
  const { network, areas } = useNetworkData();
  const feed = useIncidentFeed();
  const { incidentMarkers, unitMarkers } = useRoomMarkers(feed.incidents);
  const fresh = useNewP1s(wall.data?.p1);
  const charts = useMemo(() => (wall.data ? standardCharts(wall.data, { lang, theme: 'dark', fontSize: 18, still: true }) : []), [wall.data, lang]);

  if (wall.error instanceof ApiError && wall.error.status === 403) {
    return (
      <main className="wall wall-refused">
        <p>{t('wall.forbidden')}</p>
        <Link to="/">{t('wall.exit')}</Link>
      </main>
    );
  }
  const d = wall.data;
  return (
    <main className="wall" data-testid="wall">
      <header className="wall-head">
        <h1>{t('wall.title')}</h1>
        <span className={`wall-live is-${live}`} data-testid="wall-live">
          {live === 'live' ? t('wall.live.on') : t('wall.live.off')}
        </span>
        <time className="wall-clock" data-testid="wall-clock">
          {clockFormat.format(now)}
        </time>
        <Link className="wall-exit" to="/">
          {t('wall.exit')}
        </Link>
      </header>
      {wall.error != null && (
        <p className="wall-error" role="alert">
          {errorText(wall.error)}
        </p>
      )}
      {!d && !wall.error && <p className="wall-loading">{t('wall.loading')}</p>}
      {d && (
        <>
          <section className="wall-counts" aria-label={t('wall.today')}>
            <Figure label={t('wall.received')} value={d.counts.received} testId="wall-received" />
            <Figure label={t('wall.open.count')} value={d.counts.open} testId="wall-open" />
            <Figure label={t('wall.closed')} value={d.counts.closed} testId="wall-closed" />
            {(['P1', 'P2', 'P3', 'P4'] as const).map((p) => (
              <Figure key={p} label={p} value={d.counts.byPriority[p]} testId={`wall-${p}`} tone={p === 'P1' ? 'alarm' : undefined} />
            ))}
          </section>
          <section className="wall-map" aria-label={t('wall.map')}>
            <MapView network={network} areas={areas} pick={null} focus={null} onPick={() => {}} incidents={incidentMarkers} units={unitMarkers} />
          </section>
          <section className="wall-side">
            <h2>{t('wall.p1')}</h2>
            {d.p1.length === 0 ? (
              <p className="wall-none">{t('wall.p1.none')}</p>
            ) : (
              <ul className="wall-list" data-testid="wall-p1">
                {d.p1.map((i) => (
                  <Row key={i.id} i={i} isNew={fresh.has(i.id)} newLabel={t('wall.new')} />
                ))}
              </ul>
            )}
            <h2>{t('wall.commands')}</h2>
            {d.commands.length === 0 ? (
              <p className="wall-none">{t('wall.commands.none')}</p>
            ) : (
              <ul className="wall-list" data-testid="wall-commands">
                {d.commands.map((c) => (
                  <li key={c.id}>
                    <strong>{c.name}</strong> <span className="wall-code">{c.incidentCode}</span>
                    {c.level && <span className="wall-level">{c.level}</span>}
                    <div className="wall-sub">{c.members.join('、')}</div>
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('wall.breaches')}</h2>
            {d.breaches.length === 0 ? (
              <p className="wall-none">{t('wall.breaches.none')}</p>
            ) : (
              <ul className="wall-list" data-testid="wall-breaches">
                {d.breaches.map((b) => (
                  <li key={b.id} className="is-late">
                    <span className="wall-code">{b.code}</span> {b.category} <span className="wall-over">{t('wall.over', { m: Math.max(1, Math.round(b.overS / 60)) })}</span>
                    <div className="wall-sub">{b.place}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="wall-charts">
            {charts.map((c) => (
              <EChart key={c.key} option={c.option} className="wall-chart" testId={`wall-chart-${c.key}`} label={c.title} />
            ))}
          </section>
        </>
      )}
    </main>
  );
}

function Figure({ label, value, testId, tone }: { label: string; value: number; testId: string; tone?: 'alarm' }) {
  return (
    <div className={`wall-figure${tone === 'alarm' && value > 0 ? ' is-alarm' : ''}`}>
      <div className="wall-figure-value" data-testid={testId}>
        {value}
      </div>
      <div className="wall-figure-label">{label}</div>
    </div>
  );
}

function Row({ i, isNew, newLabel }: { i: WallIncident; isNew: boolean; newLabel: string }) {
  return (
    <li className={isNew ? 'is-new' : undefined} data-testid="wall-p1-row" data-code={i.code} data-new={isNew ? 'true' : 'false'}>
      <span className="wall-code">{i.code}</span> <strong>{i.category}</strong> <span className="wall-time">{timeFormat.format(new Date(i.receivedAt))}</span>
      {isNew && <span className="wall-new">{newLabel}</span>}
      <div className="wall-sub">
        {i.place}
        {i.leadAgency ? ` · ${i.leadAgency}` : ''}
      </div>
    </li>
  );
}

/**
 * The P1s that arrived while the wall was up: marked for a minute. What was already open when the
 * wall was opened is not new to anyone.
 */
function useNewP1s(p1: readonly WallIncident[] | undefined): Set<string> {
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Map<string, number>>(new Map());
  useEffect(() => {
    if (!p1) return;
    const known = seen.current;
    const arrived = known ? p1.filter((i) => !known.has(i.id)).map((i) => i.id) : [];
    seen.current = new Set([...(known ?? []), ...p1.map((i) => i.id)]);
    if (arrived.length) setFresh((m) => new Map([...m, ...arrived.map((id) => [id, Date.now()] as const)]));
  }, [p1]);
  useEffect(() => {
    if (fresh.size === 0) return;
    // Date.now, not the platform clock: this measures how long the mark has been on screen
    const id = window.setTimeout(() => setFresh((m) => new Map([...m].filter(([, at]) => Date.now() - at < NEW_FOR_MS))), NEW_FOR_MS);
    return () => window.clearTimeout(id);
  }, [fresh]);
  return useMemo(() => new Set(fresh.keys()), [fresh]);
}
