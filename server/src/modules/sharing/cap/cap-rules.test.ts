import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeAlert, validateCapSchema } from './cap-schema.js';
import { parseCap } from './cap-parse.js';
import { capContentProblems } from './cap-rules.js';
import { bulletinToCap, type CapSource } from './cap-export.js';
import { CAP_TIME, capTime } from './cap-time.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/cap');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

async function judge(name: string) {
  const decoded = decodeAlert(fixture(name));
  if (!decoded.ok) return { stage: 'decode', code: decoded.code, reasons: decoded.reasons };
  const schema = await validateCapSchema(decoded.text);
  if (!schema.valid) return { stage: 'schema', reasons: schema.reasons };
  const problems = capContentProblems(parseCap(decoded.text));
  return { stage: problems.length ? 'content' : 'ok', reasons: problems };
}

describe('CAP 1.2 import checks on the official samples', () => {
  it.each(['australia.cap', 'canada.cap', 'wcatwc-warning.cap', 'earthquake-iso8859-1.cap'])('accepts %s', async (name) => {
    expect(await judge(name)).toMatchObject({ stage: 'ok', reasons: [] });
  });

  it('refuses the XXE attack before any parser runs, resolving nothing', async () => {
    expect(await judge('xee.cap')).toMatchObject({ stage: 'decode', code: 'dtd_refused' });
  });

  it('refuses CAP 1.1 and a schema-invalid alert with the schema reasons', async () => {
    const old = await judge('weather.cap');
    expect(old.stage).toBe('schema');
    expect(old.reasons.join(' ')).toMatch(/cap:1\.1.*alert|No matching global declaration/);
    const bad = await judge('invalid.cap');
    expect(bad.stage).toBe('schema');
    expect(bad.reasons[0]).toMatch(/^line \d+: /);
  });

  it('refuses a schema-valid alert whose content breaks the specification, with every reason', async () => {
    const r = await judge('canada_errors.cap');
    expect(r.stage).toBe('content');
    expect(r.reasons).toEqual(['references: required for msgType Update (the alerts it refers to), and it is empty']);
  });

  it('reads the ISO-8859-1 sample with its accents intact', () => {
    const d = decodeAlert(fixture('earthquake-iso8859-1.cap'));
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.text).not.toMatch(/\uFFFD/);
  });
});

describe('CAP 1.2 export', () => {
  const base: CapSource = {
    code: 'TB20261201-0001',
    kind: 'bolo',
    title: '布控：涉嫌盗窃旅客财物嫌疑人',
    body: '男，约 30 岁，身高 170 cm，黑色外套 & 灰色背包 <疑似>',
    instruction: '发现后立即控制并报告指挥中心',
    classification: 'restricted',
    status: 'published',
    senderAgencyId: 'lz-centre',
    senderAgencyName: '柳州铁路公安处指挥中心',
    createdAt: '2026-12-01T07:20:00.000Z',
    validFrom: '2026-12-01T07:20:00.000Z',
    validUntil: '2026-12-08T07:20:00.000Z',
    updatedAt: '2026-12-01T07:20:00.000Z',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Likely',
    recipients: ['lz-ps-liuzhou', 'cb-yufeng', 'cb-liubei'],
    areaDescriptions: ['湘桂线 K480+000—K520+000'],
    senderDomain: 'railjoint.lz',
  };

  it('writes times with an offset, never Z', () => {
    expect(capTime('2026-12-01T07:20:00.000Z')).toBe('2026-12-01T15:20:00+08:00');
    expect(capTime('2026-12-01T07:20:00.000Z', 0)).toBe('2026-12-01T07:20:00+00:00');
    expect(CAP_TIME.test(capTime('2026-12-01T07:20:00.000Z'))).toBe(true);
  });

  it.each(['public', 'internal', 'restricted', 'secret'] as const)('produces a schema-valid, content-valid alert for a %s bulletin', async (classification) => {
    const xml = bulletinToCap({ ...base, classification });
    const schema = await validateCapSchema(xml);
    expect(schema.reasons).toEqual([]);
    expect(schema.valid).toBe(true);
    const alert = parseCap(xml);
    expect(capContentProblems(alert)).toEqual([]);
    expect(alert.scope).toBe({ public: 'Public', internal: 'Restricted', restricted: 'Restricted', secret: 'Private' }[classification]);
    expect(alert.infos[0]!.description).toBe(base.body);
  });

  it('turns a withdrawal into a Cancel that references the original alert', async () => {
    const xml = bulletinToCap({ ...base, status: 'withdrawn', updatedAt: '2026-12-02T01:00:00.000Z' });
    expect((await validateCapSchema(xml)).valid).toBe(true);
    const alert = parseCap(xml);
    expect(alert.msgType).toBe('Cancel');
    expect(alert.references).toBe('lz-centre@railjoint.lz,railjoint-TB20261201-0001,2026-12-01T15:20:00+08:00');
    expect(capContentProblems(alert)).toEqual([]);
  });
});
