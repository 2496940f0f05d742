import type { QueueError, QueueItem, QueueState } from './queueTypes';

/** At most this many queued writes go in one request: a weak link finishes small requests. */
export const BATCH_SIZE = 100;

/** The writes to send next: waiting ones in the order they were made, photos apart (they go on their own). */
export function nextBatch(items: readonly QueueItem[], max = BATCH_SIZE): QueueItem[] {
  return items.filter((i) => i.state === 'waiting' && i.kind !== 'photo').slice(0, max);
}

/**
 * Photos whose finding the server has: a photo is sent to its finding, which must exist first. A
 * photo whose finding was not taken can never be sent: it fails with its finding's reason.
 */
export function photoWork(items: readonly QueueItem[]): { ready: QueueItem[]; orphaned: Array<{ item: QueueItem; error: QueueError }> } {
  const findings = new Map(items.filter((i) => i.kind === 'finding').map((i) => [i.id, i]));
  const ready: QueueItem[] = [];
  const orphaned: Array<{ item: QueueItem; error: QueueError }> = [];
  for (const p of items) {
    if (p.kind !== 'photo' || p.state !== 'waiting') continue;
    const finding = findings.get(String(p.body.findingId));
    if (finding?.state === 'sent') ready.push(p);
    else if (finding && (finding.state === 'failed' || finding.state === 'refused')) orphaned.push({ item: p, error: { code: 'finding_not_taken', message: finding.error?.message ?? '' } });
  }
  return { ready, orphaned };
}

export interface ItemOutcome {
  /** null: not settled, send it again later */
  state: QueueState | null;
  result?: unknown;
  error?: QueueError;
}

/**
 * What one answer means for the queued write. Written (2xx, a replay included) is sent. A
 * check-in the verifier refused is kept by the server as refused, with the stored check-in (and
 * its factors) in the details: done, not to be sent again. A server that is down, busy or
 * throttling says nothing about the write: it waits. Any other 4xx is the server refusing the
 * write as it is — sending it again would be refused again — so it fails, with the reason shown.
 */
export function outcomeOf(status: number, body: { result?: unknown; error?: QueueError }): ItemOutcome {
  if (status >= 200 && status < 300) return { state: 'sent', result: body.result };
  if (status === 422 && body.error?.code === 'check_in_refused') {
    const details = body.error.details as { checkIn?: unknown } | undefined;
    return { state: 'refused', result: details?.checkIn, error: body.error };
  }
  if (status === 0 || status === 408 || status === 429 || status >= 500) return { state: null, error: body.error };
  return { state: 'failed', error: body.error ?? { code: `http_${status}`, message: '' } };
}

/** What the member sees at a glance: how many still wait, and how many the server would not take. */
export function queueCounts(items: readonly QueueItem[]): { waiting: number; refused: number; failed: number; sent: number } {
  const n = { waiting: 0, refused: 0, failed: 0, sent: 0 };
  for (const i of items) n[i.state] += 1;
  return n;
}
