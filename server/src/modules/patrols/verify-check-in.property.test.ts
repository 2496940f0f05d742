import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointToken } from './checkpoint-code.js';
import { verifyCheckIn } from './verify-check-in.js';
import { AT, CP, goodCase, KEY } from './verify-check-in.fixtures.js';
import { offsetPoint } from '../network/geo.js';

const bearing = fc.double({ min: 0, max: 2 * Math.PI, noNaN: true });
const at = (m: number, angle: number) => offsetPoint([CP.lon, CP.lat], m * Math.cos(angle), m * Math.sin(angle));

describe('check-in verification, as properties', () => {
  it('never accepts a token with any character of its signature changed', () => {
    const token = checkpointToken(KEY, CP.id, 1);
    const sigStart = token.lastIndexOf('.') + 1;
    fc.assert(
      fc.property(fc.integer({ min: sigStart, max: token.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), (i, ch) => {
        fc.pre(token[i] !== ch);
        const forged = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyCheckIn(goodCase({ code: forged })).accepted).toBe(false);
      }),
    );
  });

  it('never accepts a valid code of one checkpoint at another', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/), fc.integer({ min: 1, max: 50 }), (other, version) => {
        fc.pre(other !== CP.id);
        const v = verifyCheckIn(goodCase({ code: checkpointToken(KEY, other, version), checkpoint: { ...CP, codeVersion: version } }));
        expect(v.accepted).toBe(false);
        expect(v.reason).toBe('code_wrong_checkpoint');
      }),
    );
  });

  it('never accepts a position beyond the radius and the accuracy allowance, whatever accuracy is claimed', () => {
    fc.assert(
      fc.property(fc.double({ min: 151, max: 50_000, noNaN: true }), bearing, fc.double({ min: 0, max: 10_000, noNaN: true }), (m, angle, accuracyM) => {
        const [lon, lat] = at(m, angle);
        expect(verifyCheckIn(goodCase({ visit: { at: AT, lon, lat, accuracyM } })).accepted).toBe(false);
      }),
    );
  });

  it('is monotone in distance: accepted from somewhere, accepted from anywhere nearer on the same bearing', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), bearing, fc.double({ min: 0, max: 200, noNaN: true }), (m, shrink, angle, accuracyM) => {
        const far = at(m, angle);
        const near = at(m * shrink, angle);
        const judge = ([lon, lat]: [number, number]) => verifyCheckIn(goodCase({ visit: { at: AT, lon, lat, accuracyM } })).accepted;
        if (judge(far as [number, number])) expect(judge(near as [number, number])).toBe(true);
      }),
    );
  });

  it('refuses a jump faster than the mode allows, however it is split between the track and the visit', () => {
    fc.assert(
      fc.property(fc.double({ min: 2000, max: 20_000, noNaN: true }), fc.integer({ min: 1, max: 300 }), bearing, (m, seconds, angle) => {
        const [lon, lat] = at(m, angle);
        // m metres in at most 300 s is at least 24 km/h: beyond a foot patrol's 15
        const previous = { at: AT - seconds * 1000, lon, lat, accuracyM: 5 };
        expect(verifyCheckIn(goodCase({ previous })).reason).toBe('implausible_speed');
      }),
    );
  });

  it('is a pure judgement: the same case gives the same verdict, and a refusal always names its reason', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500, noNaN: true }), bearing, fc.integer({ min: -7200, max: 7200 }), fc.constantFrom('qr', 'typed', 'nfc'), (m, angle, dt, method) => {
        const [lon, lat] = at(m, angle);
        const c = goodCase({ method, visit: { at: AT + dt * 1000, lon, lat, accuracyM: 10 }, receivedAt: AT + 7200_000 });
        const a = verifyCheckIn(c);
        expect(verifyCheckIn(c)).toEqual(a);
        expect(a.accepted).toBe(a.reason === null);
        if (!a.accepted) expect(Object.values(a.factors).some((f) => !f.held)).toBe(true);
      }),
    );
  });
});
