import { describe, expect, it } from 'vitest';
import { checkpointToken, typedCode } from './checkpoint-code.js';
import { verifyCheckIn } from './verify-check-in.js';
import { AT, CP, east, goodCase, KEY } from './verify-check-in.fixtures.js';

describe('check-in verification', () => {
  it('accepts a scan at the checkpoint within its slot, naming the slot and every factor that held', () => {
    const v = verifyCheckIn(goodCase());
    expect(v).toMatchObject({ accepted: true, late: false, reason: null, dutyId: 'duty-1' });
    expect(Object.values(v.factors).every((f) => f.held)).toBe(true);
    expect(v.factors.position.detail).toMatchObject({ distanceM: 0, allowedM: 60 });
  });

  it('refuses codes that are forged, for another checkpoint, of an older label or typed wrong', () => {
    const token = checkpointToken(KEY, CP.id, 1);
    expect(verifyCheckIn(goodCase({ code: `${token.slice(0, -2)}AA` })).reason).toBe('code_invalid');
    expect(verifyCheckIn(goodCase({ code: checkpointToken(Buffer.alloc(32, 8), CP.id, 1) })).reason).toBe('code_invalid');
    expect(verifyCheckIn(goodCase({ code: checkpointToken(KEY, 'cp-2', 1) })).reason).toBe('code_wrong_checkpoint');
    expect(verifyCheckIn(goodCase({ checkpoint: { ...CP, codeVersion: 2 } })).reason).toBe('code_revoked');
    expect(verifyCheckIn(goodCase({ method: 'typed', code: typedCode(KEY, CP.id, 1).toLowerCase().replace('-', ' ') })).accepted).toBe(true);
    expect(verifyCheckIn(goodCase({ method: 'typed', code: typedCode(KEY, 'cp-2', 1) })).reason).toBe('code_invalid');
    expect(verifyCheckIn(goodCase({ method: 'nfc', code: '04:a2:1b:7c:9d:33:80' })).accepted).toBe(true);
    expect(verifyCheckIn(goodCase({ method: 'nfc', code: '04:a2:1b:7c:9d:33:81' })).reason).toBe('code_invalid');
    expect(verifyCheckIn(goodCase({ checkpoint: { ...CP, active: false } })).reason).toBe('checkpoint_inactive');
  });

  it('refuses a second check-in at the same checkpoint for the same slot as a replay', () => {
    expect(verifyCheckIn(goodCase({ earlier: [{ at: AT - 60_000, dutyId: 'duty-1' }] })).reason).toBe('code_replayed');
    // outside any duty, the same place again after the replay window is a new visit
    const adHoc = { duties: [], earlier: [{ at: AT - 11 * 60_000, dutyId: null }] };
    expect(verifyCheckIn(goodCase(adHoc)).accepted).toBe(true);
    expect(verifyCheckIn(goodCase({ ...adHoc, earlier: [{ at: AT - 5 * 60_000, dutyId: null }] })).reason).toBe('code_replayed');
  });

  it('widens the radius by the reported accuracy, but only so far', () => {
    const [lon, lat] = east(90);
    expect(verifyCheckIn(goodCase({ visit: { at: AT, lon, lat, accuracyM: 10 } })).reason).toBe('too_far');
    expect(verifyCheckIn(goodCase({ visit: { at: AT, lon, lat, accuracyM: 45 } })).accepted).toBe(true);
    const [far] = [east(400)];
    expect(verifyCheckIn(goodCase({ visit: { at: AT, lon: far[0], lat: far[1], accuracyM: 5000 } })).reason).toBe('too_far');
  });

  it('counts a check-in after its slot as late within the grace, and refuses it after', () => {
    const late = verifyCheckIn(goodCase({ visit: { at: AT + 1800_000 + 5 * 60_000, lon: CP.lon, lat: CP.lat, accuracyM: 5 }, receivedAt: AT + 3 * 3600_000 }));
    expect(late).toMatchObject({ accepted: true, late: true });
    expect(late.factors.window.detail.lateByS).toBe(300);
    const patrolDuty = { patrol: { startedAt: AT - 3600_000, finishedAt: null, mode: 'foot' as const, dutyId: 'duty-1' } };
    expect(verifyCheckIn(goodCase({ ...patrolDuty, visit: { at: AT + 1800_000 + 20 * 60_000, lon: CP.lon, lat: CP.lat, accuracyM: 5 }, receivedAt: AT + 3 * 3600_000 })).reason).toBe('out_of_window');
    expect(verifyCheckIn(goodCase({ ...patrolDuty, duties: [{ id: 'duty-1', start: AT - 1800_000, end: AT + 1800_000, checkpointIds: ['cp-2'] }] })).reason).toBe('not_in_plan');
  });

  it('lets an extra patrol check in outside any slot, counting for none', () => {
    const v = verifyCheckIn(goodCase({ duties: [] }));
    expect(v).toMatchObject({ accepted: true, dutyId: null, late: false });
  });

  it('refuses movement no person could make, along the track as well as since the last check-in', () => {
    const [lon, lat] = east(3000);
    const previous = { at: AT - 120_000, lon, lat, accuracyM: 10 };
    expect(verifyCheckIn(goodCase({ previous })).reason).toBe('implausible_speed');
    expect(verifyCheckIn(goodCase({ previous, patrol: { startedAt: AT - 3600_000, finishedAt: null, mode: 'vehicle', dutyId: null } })).accepted).toBe(true);
    // a sane last check-in, but the track between jumps 3 km in 30 s
    const start = { at: AT - 1800_000, lon: CP.lon, lat: CP.lat, accuracyM: 10 };
    const track = [{ at: AT - 600_000, lon: CP.lon, lat: CP.lat, accuracyM: 10 }, { at: AT - 570_000, lon, lat, accuracyM: 10 }];
    const v = verifyCheckIn(goodCase({ previous: start, track }));
    expect(v.reason).toBe('implausible_speed');
    expect(v.factors.speed.detail.hops).toBe(3);
  });

  it('does not believe times the phone could not have had', () => {
    expect(verifyCheckIn(goodCase({ receivedAt: AT - 10 * 60_000 })).reason).toBe('time_in_future');
    expect(verifyCheckIn(goodCase({ patrol: { startedAt: AT + 600_000, finishedAt: null, mode: 'foot', dutyId: null } })).reason).toBe('before_start');
    expect(verifyCheckIn(goodCase({ patrol: { startedAt: AT - 7200_000, finishedAt: AT - 3600_000, mode: 'foot', dutyId: null } })).reason).toBe('after_finish');
  });

  it('judges every factor even when refusing, and gives the first reason in a fixed order', () => {
    const [lon, lat] = east(500);
    const v = verifyCheckIn(goodCase({ code: 'nonsense', visit: { at: AT, lon, lat, accuracyM: 5 } }));
    expect(v.reason).toBe('code_invalid');
    expect(v.factors.code.held).toBe(false);
    expect(v.factors.position.held).toBe(false);
    expect(v.factors.window.held).toBe(true);
  });
});
