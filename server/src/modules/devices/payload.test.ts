import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDeviceMessage, parseFrigate, parseTopic } from './payload.js';

const NOW = Date.parse('2026-12-01T02:00:00Z');
const at = (ms = 0) => new Date(NOW + ms).toISOString();

describe('device messages', () => {
  it('reads the three topics of a device and the Frigate topic, and nothing else', () => {
    expect(parseTopic('railjoint/v1/devices/34020000001320000001/event')).toEqual({ deviceId: '34020000001320000001', channel: 'event' });
    expect(parseTopic('railjoint/v1/devices/fs-1/state')).toEqual({ deviceId: 'fs-1', channel: 'state' });
    expect(parseTopic('frigate/events')).toEqual({ frigate: true });
    expect(parseTopic('railjoint/v1/devices/fs-1/other')).toBeNull();
    expect(parseTopic('railjoint/v1/devices//event')).toBeNull();
    expect(parseTopic('railjoint/v1/devices/a/b/event')).toBeNull();
  });

  it('accepts an event as the contract says, keeping a 20-digit id and every field', () => {
    const r = parseDeviceMessage('event', JSON.stringify({ type: 'intrusion', at: at(), seq: 7, positionM: 120.5, confidence: 0.9, data: { zone: 3 } }), NOW);
    expect(r).toMatchObject({ ok: true, kind: 'event', event: { type: 'intrusion', seq: 7, positionM: 120.5 } });
  });

  it('refuses each kind of malformed message with its reason', () => {
    const reason = (channel: 'event' | 'heartbeat' | 'state', body: string | Buffer) => {
      const r = parseDeviceMessage(channel, body, NOW);
      return r.ok ? 'accepted' : r.reason;
    };
    expect(reason('event', '{"type":')).toBe('bad_json');
    expect(reason('event', JSON.stringify({ type: 'intrusion', at: at(), seq: '7' }))).toBe('bad_payload');
    expect(reason('event', JSON.stringify({ type: 'teleport', at: at(), seq: 1 }))).toBe('bad_payload');
    expect(reason('event', JSON.stringify({ type: 'intrusion', at: at(), seq: 1, extra: 1 }))).toBe('bad_payload');
    expect(reason('event', JSON.stringify({ type: 'intrusion', at: at(3600_000), seq: 1 }))).toBe('future_time');
    expect(reason('event', JSON.stringify({ type: 'intrusion', at: at(-2 * 86_400_000), seq: 1 }))).toBe('stale_time');
    expect(reason('event', Buffer.alloc(10 * 1024 * 1024, 0x20))).toBe('too_large');
    expect(reason('heartbeat', JSON.stringify({ at: 'yesterday' }))).toBe('bad_payload');
    expect(reason('state', 'offline')).toBe('accepted');
    expect(reason('state', 'sleeping')).toBe('bad_json');
  });

  it('never throws, whatever the bytes (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('event', 'heartbeat', 'state') as fc.Arbitrary<'event' | 'heartbeat' | 'state'>, fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a))), (channel, body) => {
        const r = parseDeviceMessage(channel, body as string | Buffer, NOW);
        return typeof r.ok === 'boolean';
      }),
    );
  });

  it('maps Frigate events to conditions, refuses labels it does not know', () => {
    const msg = (label: string, type = 'new') => JSON.stringify({ type, before: {}, after: { id: '1700000000.1-abc', camera: 'cam_k500', label, current_zones: ['track'], start_time: (NOW - 1000) / 1000, top_score: 0.81 } });
    expect(parseFrigate(msg('person'), NOW)).toMatchObject({ ok: true, event: { camera: 'cam_k500', condition: 'person_detected', type: 'new', zones: ['track'], score: 0.81 } });
    expect(parseFrigate(msg('car', 'end'), NOW)).toMatchObject({ ok: true, event: { condition: 'vehicle_detected', type: 'end' } });
    expect(parseFrigate(msg('umbrella'), NOW)).toMatchObject({ ok: false, reason: 'unmapped_label' });
    expect(parseFrigate('{"type":"new"}', NOW)).toMatchObject({ ok: false, reason: 'bad_payload' });
  });
});
