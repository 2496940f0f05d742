import { useMemo, useState } from 'react';
import type { LonLat, WhatIfMove, WhatIfSetup } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

const W = 640;
const PAD = 12;

/**
 * Longitude and latitude onto the drawing and back: equirectangular, shrunk by the mean latitude's
 * cosine; the drawing is as tall as the department is, within bounds.
 */
function projection(setup: WhatIfSetup) {
  const pts: LonLat[] = [...setup.lines.flatMap((l) => l.points), ...setup.places.map((p) => p.coordinates), ...setup.cars.map((c) => c.coordinates)];
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const H = Math.round(Math.min(W * 1.2, Math.max(W / 3, ((maxLat - minLat) / Math.max(1e-6, (maxLon - minLon) * k)) * (W - 2 * PAD) + 2 * PAD)));
  const scale = Math.min((W - 2 * PAD) / Math.max(1e-6, (maxLon - minLon) * k), (H - 2 * PAD) / Math.max(1e-6, maxLat - minLat));
  return {
    H,
    to: ([lon, lat]: LonLat): [number, number] => [PAD + (lon - minLon) * k * scale, H - PAD - (lat - minLat) * scale],
    from: (x: number, y: number): LonLat => [Math.round((minLon + (x - PAD) / (k * scale)) * 1e5) / 1e5, Math.round((minLat + (H - PAD - y) / scale) * 1e5) / 1e5],
  };
}

/**
 * Moving a post by hand: pick a patrol car, then where it waits — a station or an access gate from
 * the list or on the drawing, or any point on the drawing of the lines. The moves made so far are
 * drawn as arrows from where the car stands.
 */
export function MovePicker({ setup, moves, onChange }: { setup: WhatIfSetup; moves: WhatIfMove[]; onChange: (moves: WhatIfMove[]) => void }) {
  const { t } = useT();
  const [unitId, setUnitId] = useState('');
  const [kind, setKind] = useState<'station' | 'access_gate' | 'point'>('station');
  const [placeId, setPlaceId] = useState('');
  const [point, setPoint] = useState<LonLat | null>(null);
  const proj = useMemo(() => projection(setup), [setup]);
  const agencyName = (id: string) => setup.agencies.find((a) => a.id === id)?.name ?? '';
  const carName = (id: string) => {
    const c = setup.cars.find((x) => x.id === id);
    return c ? `${c.callsign} · ${agencyName(c.agencyId)}` : id;
  };
  const placeById = useMemo(() => new Map(setup.places.map((p) => [p.id, p])), [setup]);
  const targetOf = (m: WhatIfMove): LonLat | null => (m.to.kind === 'point' ? m.to.coordinates : (placeById.get(m.to.placeId)?.coordinates ?? null));
  const describe = (m: WhatIfMove) =>
    m.to.kind === 'point' ? t('whatIf.move.toPoint', { lon: m.to.coordinates[0].toFixed(4), lat: m.to.coordinates[1].toFixed(4) }) : `${t(`whatIf.place.${placeById.get(m.to.placeId)?.kind ?? 'station'}`)} ${placeById.get(m.to.placeId)?.name ?? ''}`;
  const ready = unitId !== '' && (kind === 'point' ? point !== null : placeId !== '');
  const add = () => {
    if (!ready) return;
    const move: WhatIfMove = { unitId, to: kind === 'point' ? { kind: 'point', coordinates: point! } : { kind: 'place', placeId } };
    onChange([...moves.filter((m) => m.unitId !== unitId), move]);
    setUnitId('');
    setPoint(null);
  };
  const moved = new Set(moves.map((m) => m.unitId));

  return (
    <fieldset className="what-if-moves" data-testid="what-if-moves">
      <legend>{t('whatIf.moves')}</legend>
      <div className="what-if-move-form">
        <select value={unitId} data-testid="what-if-move-unit" aria-label={t('whatIf.move.unit')} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">{t('whatIf.move.pickUnit')}</option>
          {setup.cars.map((c) => (
            <option key={c.id} value={c.id}>
              {carName(c.id)} · {c.stretch}
              {moved.has(c.id) ? ` ${t('whatIf.move.alreadyMoved')}` : ''}
            </option>
          ))}
        </select>
        <select value={kind} data-testid="what-if-move-kind" aria-label={t('whatIf.move.kind')} onChange={(e) => { setKind(e.target.value as typeof kind); setPlaceId(''); }}>
          <option value="station">{t('whatIf.place.station')}</option>
          <option value="access_gate">{t('whatIf.place.access_gate')}</option>
          <option value="point">{t('whatIf.place.point')}</option>
        </select>
        {kind === 'point' ? (
          <span className="muted" data-testid="what-if-move-point">{point ? t('whatIf.move.toPoint', { lon: point[0].toFixed(4), lat: point[1].toFixed(4) }) : t('whatIf.move.clickMap')}</span>
        ) : (
          <select value={placeId} data-testid="what-if-move-place" aria-label={t('whatIf.move.place')} onChange={(e) => setPlaceId(e.target.value)}>
            <option value="">{t('whatIf.move.pickPlace')}</option>
            {setup.places.filter((p) => p.kind === kind).map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
        )}
        <button type="button" className="btn" data-testid="what-if-move-add" disabled={!ready} onClick={add}>{t('whatIf.move.add')}</button>
      </div>
      <svg
        className="what-if-map"
        data-testid="what-if-map"
        viewBox={`0 0 ${W} ${proj.H}`}
        role="img"
        aria-label={t('whatIf.move.mapLabel')}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          const p = proj.from(((e.clientX - box.left) / box.width) * W, ((e.clientY - box.top) / box.height) * proj.H);
          setKind('point');
          setPoint(p);
        }}
      >
        {setup.lines.map((l) => (
          <polyline key={l.id} className="what-if-map-line" points={l.points.map((p) => proj.to(p).join(',')).join(' ')}>
            <title>{l.name}</title>
          </polyline>
        ))}
        {setup.places.map((p) => {
          const [x, y] = proj.to(p.coordinates);
          const chosen = kind === p.kind && placeId === p.id;
          return (
            <circle
              key={`${p.kind}-${p.id}`}
              className={`what-if-map-${p.kind}${chosen ? ' chosen' : ''}`}
              cx={x}
              cy={y}
              r={p.kind === 'station' ? 4 : 2.5}
              onClick={(e) => {
                // a place picked on the drawing is the place itself, not a point beside it
                e.stopPropagation();
                setKind(p.kind);
                setPlaceId(p.id);
              }}
            >
              <title>{`${t(`whatIf.place.${p.kind}`)} ${p.name}`}</title>
            </circle>
          );
        })}
        {setup.cars.map((c) => {
          const [x, y] = proj.to(c.coordinates);
          return (
            <rect key={c.id} className={`what-if-map-car${c.id === unitId ? ' chosen' : ''}${moved.has(c.id) ? ' moved' : ''}`} x={x - 3} y={y - 3} width={6} height={6} onClick={(e) => { e.stopPropagation(); setUnitId(c.id); }}>
              <title>{carName(c.id)}</title>
            </rect>
          );
        })}
        {moves.map((m) => {
          const c = setup.cars.find((x) => x.id === m.unitId);
          const to = targetOf(m);
          if (!c || !to) return null;
          const [x1, y1] = proj.to(c.coordinates);
          const [x2, y2] = proj.to(to);
          return <line key={m.unitId} className="what-if-map-move" x1={x1} y1={y1} x2={x2} y2={y2} markerEnd="url(#what-if-arrow)" />;
        })}
        {kind === 'point' && point && (() => {
          const [x, y] = proj.to(point);
          return <circle className="what-if-map-point" cx={x} cy={y} r={5} />;
        })()}
        <defs>
          <marker id="what-if-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="what-if-map-arrow" />
          </marker>
        </defs>
      </svg>
      {moves.length > 0 && (
        <ul className="what-if-move-list" data-testid="what-if-move-list">
          {moves.map((m) => (
            <li key={m.unitId}>
              {t('whatIf.move.line', { car: carName(m.unitId), to: describe(m) })}{' '}
              <button type="button" className="btn btn-small" onClick={() => onChange(moves.filter((x) => x.unitId !== m.unitId))}>{t('whatIf.remove')}</button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
