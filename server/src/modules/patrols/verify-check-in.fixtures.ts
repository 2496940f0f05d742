import { offsetPoint } from '../network/geo.js';
import { checkpointToken } from './checkpoint-code.js';
import { DEFAULT_VERIFY_RULES, type CheckInCase } from './verify-check-in.js';

/** A check-in that holds on every factor, for tests to spoil one factor at a time. */
export const KEY = Buffer.alloc(32, 7);
export const AT = Date.parse('2026-12-01T01:30:00Z');
export const CP = { id: 'cp-1', lon: 109.5125, lat: 24.367, radiusM: 50, codeVersion: 1, nfcTagId: '04A21B7C9D3380', active: true };

export function goodCase(over: Partial<CheckInCase> = {}): CheckInCase {
  return {
    key: KEY,
    checkpoint: CP,
    method: 'qr',
    code: checkpointToken(KEY, CP.id, 1),
    visit: { at: AT, lon: CP.lon, lat: CP.lat, accuracyM: 10 },
    receivedAt: AT + 2000,
    patrol: { startedAt: AT - 3600_000, finishedAt: null, mode: 'foot', dutyId: null },
    duties: [{ id: 'duty-1', start: AT - 1800_000, end: AT + 1800_000, checkpointIds: ['cp-1', 'cp-2'] }],
    earlier: [],
    previous: null,
    track: [],
    rules: DEFAULT_VERIFY_RULES,
    ...over,
  };
}

/** A point `m` metres east of the checkpoint. */
export function east(m: number): [number, number] {
  return offsetPoint([CP.lon, CP.lat], m, 0);
}
