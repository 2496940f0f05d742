import { describe, expect, it } from 'vitest';
import { verdictOf } from './verdict';
import type { QueueItem } from './queueTypes';

const checkIn = (state: QueueItem['state'], extra: Partial<QueueItem> = {}): QueueItem => ({ seq: 1, owner: 'u', kind: 'check_in', id: 'c', patrolId: 'p', body: {}, createdAt: '2026-12-01T01:00:00.000Z', state, attempts: 0, ...extra });

describe('a queued check-in’s verdict', () => {
  it('waits, is accepted (late or not), refused with the server’s reason, or not taken', () => {
    expect(verdictOf(checkIn('waiting'))).toEqual({ kind: 'waiting' });
    expect(verdictOf(checkIn('sent', { result: { accepted: true, late: true } }))).toEqual({ kind: 'accepted', late: true });
    expect(verdictOf(checkIn('refused', { result: { reason: 'too_far' }, error: { code: 'check_in_refused', message: '距离巡防点太远' } }))).toMatchObject({ kind: 'refused', reason: 'too_far' });
    // the reason from the error's details when the stored check-in did not come back
    expect(verdictOf(checkIn('refused', { error: { code: 'check_in_refused', message: 'x', details: { reason: 'implausible_speed' } } }))).toMatchObject({ reason: 'implausible_speed' });
    expect(verdictOf(checkIn('refused', { result: { reason: 'made_up' }, error: { code: 'check_in_refused', message: 'm' } }))).toMatchObject({ reason: null, message: 'm' });
    expect(verdictOf(checkIn('failed', { error: { code: 'forbidden', message: '' } }))).toEqual({ kind: 'failed', message: 'forbidden' });
  });
});
