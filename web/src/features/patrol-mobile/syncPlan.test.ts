import { describe, expect, it } from 'vitest';
import { nextBatch, outcomeOf, photoWork, queueCounts } from './syncPlan';
import type { QueueItem } from './queueTypes';

let seq = 0;
const item = (kind: QueueItem['kind'], state: QueueItem['state'] = 'waiting', extra: Partial<QueueItem> = {}): QueueItem => ({
  seq: ++seq,
  owner: 'vt.luorong.volunteer1',
  kind,
  id: `id-${seq}`,
  patrolId: 'p1',
  body: {},
  createdAt: '2026-12-01T00:40:00.000Z',
  state,
  attempts: 0,
  ...extra,
});

describe('the offline queue: what to send and what an answer means', () => {
  it('sends waiting writes in the order they were made, photos apart, at most a batch at a time', () => {
    const items = [item('start', 'sent'), item('track'), item('check_in'), item('photo'), item('finding'), item('check_in', 'refused')];
    expect(nextBatch(items).map((i) => i.kind)).toEqual(['track', 'check_in', 'finding']);
    expect(nextBatch(items, 2).map((i) => i.kind)).toEqual(['track', 'check_in']);
  });

  it('sends a photo only once its finding is written, and fails it with a finding the server did not take', () => {
    const sent = item('finding', 'sent');
    const waiting = item('finding');
    const failed = item('finding', 'failed', { error: { code: 'forbidden', message: 'not your team' } });
    const photos = [sent, waiting, failed].map((f) => item('photo', 'waiting', { body: { findingId: f.id } }));
    const work = photoWork([sent, waiting, failed, ...photos]);
    expect(work.ready.map((p) => p.body.findingId)).toEqual([sent.id]);
    expect(work.orphaned.map((o) => [o.item.body.findingId, o.error.code])).toEqual([[failed.id, 'finding_not_taken']]);
  });

  it('reads each answer: written, refused with the stored check-in, not taken, or to be sent again', () => {
    expect(outcomeOf(201, { result: { id: 'c1' } })).toEqual({ state: 'sent', result: { id: 'c1' } });
    const refused = outcomeOf(422, { error: { code: 'check_in_refused', message: '距离巡防点太远', details: { reason: 'too_far', checkIn: { id: 'c2', reason: 'too_far' } } } });
    expect(refused.state).toBe('refused');
    expect(refused.result).toEqual({ id: 'c2', reason: 'too_far' });
    expect(outcomeOf(409, { error: { code: 'id_reused', message: 'x' } }).state).toBe('failed');
    expect(outcomeOf(403, {}).error?.code).toBe('http_403');
    // the server away or busy says nothing about the write
    for (const status of [0, 408, 429, 500, 503]) expect(outcomeOf(status, {}).state).toBeNull();
  });

  it('counts what waits and what the server would not take', () => {
    expect(queueCounts([item('track'), item('check_in', 'refused'), item('finding', 'sent'), item('photo')])).toEqual({ waiting: 2, refused: 1, failed: 0, sent: 1 });
  });
});
