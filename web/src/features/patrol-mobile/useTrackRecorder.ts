import { useCallback, useEffect, useRef } from 'react';
import { patrolActions } from './patrolActions';
import { distanceM, type Fix } from './usePosition';

/** A point is kept when this long or this far from the last one kept: a track, not a stream. */
const MIN_GAP_MS = 15_000;
const MIN_MOVE_M = 25;
/** Kept points are queued as one write at least this often (at most a minute of track in memory). */
const FLUSH_MS = 60_000;
const FLUSH_POINTS = 40;

/**
 * Records the patrol's track from the watched position: thinned on the phone (every 15 s or 25 m),
 * queued as one write a minute, and at once before a check-in, a finding or the finish, so the
 * server judges each check-in's plausibility with the track that led to it.
 */
export function useTrackRecorder(owner: string, patrolId: string | null, fix: Fix | null): () => Promise<void> {
  const buffer = useRef<Fix[]>([]);
  const last = useRef<Fix | null>(null);

  const flush = useCallback(async () => {
    if (!patrolId || !buffer.current.length) return;
    const points = buffer.current;
    buffer.current = [];
    await patrolActions.track(owner, patrolId, points);
  }, [owner, patrolId]);

  useEffect(() => {
    if (!patrolId || !fix) return;
    const prev = last.current;
    if (prev && fix.at - prev.at < MIN_GAP_MS && distanceM([prev.lon, prev.lat], [fix.lon, fix.lat]) < MIN_MOVE_M) return;
    last.current = fix;
    buffer.current.push(fix);
    if (buffer.current.length >= FLUSH_POINTS) void flush();
  }, [patrolId, fix, flush]);

  useEffect(() => {
    if (!patrolId) return;
    const timer = setInterval(() => void flush(), FLUSH_MS);
    return () => {
      clearInterval(timer);
      void flush();
    };
  }, [patrolId, flush]);

  return flush;
}
