import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { startClockAt } from '../src/platform/clock.js';
import { offsetPoint } from '../src/modules/network/geo.js';
import { bearingDeg } from '../src/modules/devices/fov.js';

/**
 * Ingest writes a batch of device messages in one transaction, alarms and groups kept in memory
 * for the batch and written back together. This feeds the same random sequence of messages to two
 * platforms, one message at a time to one and in batches to the other, and expects the same
 * alarms, groups, activations, decisions, owner tasks and refusals.
 */
const NIGHT = Date.parse('2026-12-01T02:00:00+08:00');
const LINE = 'hengliu-hsr';
const STEP_MS = 1500;
const EVENTS = 400;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('alarm batches', () => {
  let single: TestApp;
  let batched: TestApp;
  const seed = Number(process.env.RAILJOINT_BATCH_SEED ?? 20261201);

  const setUp = async (t: TestApp) => {
    const admin = await t.login('admin');
    const api = requests(() => t, () => admin);
    const register = async (body: Record<string, unknown>) => {
      const res = await api.post('/api/devices', body);
      expect(res.statusCode, res.body).toBe(201);
    };
    for (let i = 0; i < 4; i++) await register({ id: `eq-fs-${i}`, kind: 'fibre_sensor', name: `等价 光纤 ${i}`, ownerAgencyId: 'tm-guilin-hsr', location: { lineId: LINE, from: `K50${i}+000`, to: `K50${i}+900`, side: 'left' } });
    await register({ id: 'eq-fence', kind: 'fence_sensor', name: '等价 围栏', ownerAgencyId: 'tm-guilin-hsr', location: { lineId: LINE, from: 'K501+200', to: 'K501+700', side: 'right' } });
    const target = (await api.get(`/api/network/position?lineId=${LINE}&mileage=${encodeURIComponent('K501+500')}`)).json().candidates[0].coordinates;
    const at = offsetPoint(target, 150, 10);
    await register({ id: 'eq-cam', kind: 'camera', name: '等价 摄像机', ownerAgencyId: 'lz-ps-liuzhou', location: { lon: at[0], lat: at[1] }, fieldOfView: { bearingDeg: bearingDeg(at, target), angleDeg: 90, rangeM: 400 } });
    // off the line: joins only its own alarm's group
    await register({ id: 'eq-radar', kind: 'radar', name: '等价 雷达', ownerAgencyId: 'lz-ps-liuzhou', location: { lon: 109.5125, lat: 24.367 } });
  };

  /** The messages: events walking, repeating, clearing, chattering, replayed; heartbeats and states among them. */
  const messages = (() => {
    const r = random(seed);
    const devices = ['eq-fs-0', 'eq-fs-1', 'eq-fs-2', 'eq-fs-3', 'eq-fence', 'eq-cam', 'eq-radar'];
    const types = ['intrusion', 'fence_cut', 'intrusion', 'tamper'];
    const sent: Array<{ topic: string; payload: string }> = [];
    const seqs = new Map<string, number>();
    for (let i = 0; i < EVENTS; i++) {
      const device = devices[Math.floor(r() * devices.length)]!;
      const at = new Date(NIGHT + i * STEP_MS).toISOString();
      const roll = r();
      if (roll < 0.04) {
        sent.push({ topic: `railjoint/v1/devices/${device}/heartbeat`, payload: JSON.stringify({ at }) });
        continue;
      }
      if (roll < 0.06) {
        sent.push({ topic: `railjoint/v1/devices/${device}/state`, payload: JSON.stringify({ state: r() < 0.5 ? 'offline' : 'online', at }) });
        continue;
      }
      if (roll < 0.1 && sent.length) {
        // a replay of an earlier message (a redelivery, or a device repeating its seq)
        sent.push(sent[Math.floor(r() * sent.length)]!);
        continue;
      }
      const seq = (seqs.get(device) ?? 0) + 1;
      seqs.set(device, seq);
      const type = types[Math.floor(r() * (device === 'eq-cam' ? 1 : types.length))]!;
      sent.push({ topic: `railjoint/v1/devices/${device}/event`, payload: JSON.stringify({ type, at, seq, clear: r() < 0.4, positionM: Math.round(r() * 90) * 10, confidence: 0.8 }) });
    }
    return sent;
  })();

  beforeAll(async () => {
    single = await startApp({ engine: 'sqlite', demo: true, clockStart: NIGHT });
    batched = await startApp({ engine: 'sqlite', demo: true, clockStart: NIGHT });
    await setUp(single);
    await setUp(batched);
    // every message is in the past, none more than a day old
    startClockAt(NIGHT + EVENTS * STEP_MS + 60_000);
  }, 180_000);
  afterAll(async () => {
    await single?.close();
    await batched?.close();
    startClockAt(null);
  });

  /** What the platform made of the messages, without the random ids (groups named by their members). */
  const outcome = async (t: TestApp) => {
    const db = t.app.db.kysely;
    const alarms = await db.selectFrom('alarms').selectAll().where('device_id', 'like', 'eq-%').orderBy('device_id').orderBy('condition').orderBy('first_at').execute();
    const groups = await db.selectFrom('alarm_groups').selectAll().where('line_id', '=', LINE).orderBy('first_at').execute();
    const radarGroups = await db.selectFrom('alarm_groups').selectAll().where('line_id', 'is', null).orderBy('first_at').execute();
    const alarmName = new Map(alarms.map((a) => [a.id, `${a.device_id}/${a.condition}/${a.first_at}`]));
    const groupName = new Map([...groups, ...radarGroups].map((g) => [g.id, `${g.line_id}@${g.first_at}`]));
    const activations = await db.selectFrom('alarm_activations').select(['alarm_id', 'device_id', 'at']).where('device_id', 'like', 'eq-%').orderBy('id').execute();
    const events = await db.selectFrom('device_events').select(['device_id', 'dedupe', 'type', 'at', 'clear', 'position_m', 'alarm_id']).where('device_id', 'like', 'eq-%').orderBy('id').execute();
    const tasks = (await db.selectFrom('tasks').select(['title', 'to_agency_id']).where('title', 'like', '%等价%').execute()).map((x) => `${x.to_agency_id} ${x.title}`).sort();
    const outbox = (await db.selectFrom('outbox').select('body').orderBy('id').execute())
      .map((r) => JSON.parse(r.body) as { type: string; entityId: string; payload: Record<string, unknown> })
      .filter((e) => e.type.startsWith('alarm.') || e.type.startsWith('device.o'))
      .map((e) => `${e.type} ${alarmName.get(e.entityId) ?? e.entityId} ${groupName.get(String(e.payload.groupId)) ?? ''}`);
    // the escalator writes its events after each commit, in its own transactions: their place among ingest's follows the batches,
    const escalated = outbox.filter((e) => e.startsWith('alarm.escalated')).map((e) => e.split(' ')[2]).sort(); // the group (which of its alarms it names depends on when it ran)
    return {
      alarms: alarms.map(({ id, group_id, ...a }) => ({ ...a, id: alarmName.get(id), group: group_id ? groupName.get(group_id) ?? 'elsewhere' : null })),
      groups: [...groups, ...radarGroups].map(({ id, incident_id: _i, ...g }) => ({ ...g, id: groupName.get(id) })),
      activations: activations.map((a) => ({ ...a, alarm_id: alarmName.get(a.alarm_id) })),
      events: events.map((e) => ({ ...e, alarm_id: e.alarm_id ? alarmName.get(e.alarm_id) : null })),
      tasks,
      outbox: outbox.filter((e) => !e.startsWith('alarm.escalated')),
      escalated,
    };
  };

  it('gives the same alarms, groups and activations one message at a time and in batches', async () => {
    const one = single.app.services.defence.ingest;
    const verdictsOne = [];
    for (const m of messages) verdictsOne.push(await one.fromTopic(m.topic, m.payload));
    const many = batched.app.services.defence.ingest;
    const r = random(seed + 1);
    const verdictsMany = [];
    for (let i = 0; i < messages.length; ) {
      const size = 1 + Math.floor(r() * 60);
      const done: Array<Promise<unknown>> = [];
      await many.together(async () => {
        for (const m of messages.slice(i, i + size)) done.push((await many.submitTopic(m.topic, m.payload)).done);
      });
      verdictsMany.push(...(await Promise.all(done)));
      i += size;
    }
    await one.flush();
    await many.flush();
    await single.app.services.defence.escalator.flush();
    await batched.app.services.defence.escalator.flush();
    expect(verdictsMany).toEqual(verdictsOne);
    const a = await outcome(single);
    const b = await outcome(batched);
    // to compare with another version of the engine: RAILJOINT_BATCH_DUMP=file.json
    if (process.env.RAILJOINT_BATCH_DUMP) fs.writeFileSync(process.env.RAILJOINT_BATCH_DUMP, JSON.stringify({ verdicts: verdictsOne, ...a }, null, 1));
    // the sequence does what it is meant to: groups grow, alarms repeat, clear, chatter, get refused
    expect(a.alarms.length).toBeGreaterThan(5);
    expect(a.groups.length).toBeGreaterThan(3);
    expect(a.alarms.some((x) => x.chattering === 1)).toBe(true);
    expect(a.alarms.some((x) => x.count > 3)).toBe(true);
    expect(verdictsOne.some((v) => !v.ok && v.reason === 'replayed_seq')).toBe(true);
    expect(b.alarms).toEqual(a.alarms);
    expect(b.groups).toEqual(a.groups);
    expect(b.activations).toEqual(a.activations);
    expect(b.events).toEqual(a.events);
    expect(b.tasks).toEqual(a.tasks);
    expect(b.outbox).toEqual(a.outbox);
    expect(b.escalated).toEqual(a.escalated);
  }, 180_000);
});
