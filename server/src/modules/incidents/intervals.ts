import type { IncidentStatus } from '@railjoint/contracts';

export interface StatusChange {
  status: IncidentStatus;
  at: string;
}

export interface Intervals {
  receivedToDispatchedS: number | null;
  dispatchedToEnRouteS: number | null;
  enRouteToOnSceneS: number | null;
  onSceneToClearedS: number | null;
  /** received to cleared (or to the last change when not cleared yet) */
  totalS: number | null;
}

// The first time a status is reached counts: a dispatch after a withdrawal does not reset the
// reception clock, because the caller has been waiting since the first "received".
function firstAt(timeline: readonly StatusChange[], status: IncidentStatus): number | null {
  let best: number | null = null;
  for (const c of timeline) {
    if (c.status !== status) continue;
    const t = Date.parse(c.at);
    if (Number.isFinite(t) && (best === null || t < best)) best = t;
  }
  return best;
}

const span = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(0, (b - a) / 1000));

export function computeIntervals(timeline: readonly StatusChange[]): Intervals {
  const received = firstAt(timeline, 'received');
  const dispatched = firstAt(timeline, 'dispatched');
  const enRoute = firstAt(timeline, 'en_route');
  const onScene = firstAt(timeline, 'on_scene');
  const cleared = firstAt(timeline, 'cleared');
  const last = timeline.reduce<number | null>((m, c) => {
    const t = Date.parse(c.at);
    return Number.isFinite(t) && (m === null || t > m) ? t : m;
  }, null);
  return {
    receivedToDispatchedS: span(received, dispatched),
    dispatchedToEnRouteS: span(dispatched, enRoute),
    enRouteToOnSceneS: span(enRoute, onScene),
    onSceneToClearedS: span(onScene, cleared),
    totalS: span(received, cleared ?? last),
  };
}

export interface Breach {
  /** which limit: reaching the scene within the responsibility time limit, or the transfer reply */
  limit: 'on_scene' | 'transfer_reply';
  limitS: number;
  elapsedS: number;
  overByS: number;
  /** true while still running (not yet on scene / not yet answered) */
  ongoing: boolean;
}

export interface BreachSubject {
  status: IncidentStatus;
  timeline: readonly StatusChange[];
  /** when the current transfer was sent and how long the receiving agency has to answer */
  transfer?: { sentAt: string; replyLimitS: number } | null;
}

/**
 * The responsibility matrix's time limit is from reception to arrival on scene (the moment the
 * lead agency has taken charge). Measured from the first "received" so a transfer does not buy time.
 */
export function breaches(incident: BreachSubject, now: Date, timeLimitS: number): Breach[] {
  const out: Breach[] = [];
  const received = firstAt(incident.timeline, 'received');
  const onScene = firstAt(incident.timeline, 'on_scene');
  const nowMs = now.getTime();
  if (received !== null) {
    const stillOpen = incident.status !== 'cancelled' && incident.status !== 'merged';
    const end = onScene ?? (stillOpen ? nowMs : null);
    if (end !== null) {
      const elapsedS = (end - received) / 1000;
      if (elapsedS > timeLimitS) out.push({ limit: 'on_scene', limitS: timeLimitS, elapsedS, overByS: elapsedS - timeLimitS, ongoing: onScene === null });
    }
  }
  if (incident.status === 'transferred' && incident.transfer) {
    const sent = Date.parse(incident.transfer.sentAt);
    const elapsedS = (nowMs - sent) / 1000;
    const limitS = incident.transfer.replyLimitS;
    if (Number.isFinite(sent) && elapsedS > limitS) out.push({ limit: 'transfer_reply', limitS, elapsedS, overByS: elapsedS - limitS, ongoing: true });
  }
  return out;
}
