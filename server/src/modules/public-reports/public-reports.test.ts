import { describe, expect, it } from 'vitest';
import { codeHash, newTrackingCode, normaliseCode, reportIdFor, trackingCodeFor } from './tracking-code.js';
import { open311Status, publicStatus } from './public-status.js';
import { windowStep } from './rate-limit.js';
import { escapeXml, parseForm, render } from './open311/format.js';

const KEY = Buffer.alloc(32, 3);

describe('tracking codes', () => {
  it('are 80-bit Crockford codes, the same for the same phone id and forgiving of how they are typed', () => {
    const code = trackingCodeFor(KEY, 'd7f1a8c2-6f1e-4b9a-9d3e-2a1b0c9d8e7f');
    expect(code).toMatch(/^RJ-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(trackingCodeFor(KEY, 'D7F1A8C2-6F1E-4B9A-9D3E-2A1B0C9D8E7F')).toBe(code);
    expect(trackingCodeFor(Buffer.alloc(32, 4), 'd7f1a8c2-6f1e-4b9a-9d3e-2a1b0c9d8e7f')).not.toBe(code);
    expect(normaliseCode(code.toLowerCase().replace(/-/g, ' '))).toBe(normaliseCode(code));
    expect(normaliseCode('RJ-0000-1111-2222-333')).toBeNull();
    expect(codeHash(normaliseCode(code)!)).toMatch(/^[0-9a-f]{64}$/);
    expect(reportIdFor(KEY, 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const many = new Set(Array.from({ length: 2000 }, () => newTrackingCode()));
    expect(many.size).toBe(2000);
  });
});

describe('what the public is told', () => {
  it('maps incident states to four words and Open311’s two', () => {
    expect(publicStatus('received')).toBe('received');
    expect(['dispatched', 'en_route', 'on_scene', 'transferred'].map((s) => publicStatus(s as 'dispatched'))).toEqual(['in_progress', 'in_progress', 'in_progress', 'in_progress']);
    expect(publicStatus('closed')).toBe('resolved');
    expect(publicStatus('cancelled')).toBe('closed');
    expect(open311Status('resolved')).toBe('closed');
    expect(open311Status('in_progress')).toBe('open');
  });
});

describe('rate-limit windows', () => {
  const limit = { key: 'k', max: 2, windowS: 60 };
  it('counts within a window, refuses past the limit with the wait, and starts again after it', () => {
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    const a = windowStep(undefined, limit, t0);
    const b = windowStep(a, limit, t0 + 1000);
    const c = windowStep(b, limit, t0 + 2000);
    expect([a.allowed, b.allowed, c.allowed]).toEqual([true, true, false]);
    expect(c.retryAfterS).toBe(58);
    expect(windowStep(b, limit, t0 + 60_000)).toMatchObject({ allowed: true, count: 1 });
  });
});

describe('Open311 formats', () => {
  it('writes the standard’s XML with lists as repeated elements and nothing XML cannot hold', () => {
    const { contentType, body } = render('xml', 'service_requests', [{ service_request_id: 'RJ-1', status_notes: 'a < b & "c"\u0001', lat: null }]);
    expect(contentType).toBe('text/xml; charset=utf-8');
    expect(body).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>RJ-1</service_request_id><status_notes>a &lt; b &amp; &quot;c&quot;</status_notes><lat/></request></service_requests>');
    expect(render('xml', 'service_definition', { service_code: 'x', attributes: [{ code: 'line', values: [{ key: 'a', name: 'A' }] }] }).body).toContain('<attributes><attribute><code>line</code><values><value><key>a</key><name>A</name></value></values></attribute></attributes>');
    expect(escapeXml('\uFFFE柳州')).toBe('柳州');
  });

  it('reads form bodies as clients send them, attributes and multi-valued lists included', () => {
    expect(parseForm('api_key=k&service_code=x&attribute[train_number]=G1234&attribute[tags][]=a&attribute[tags][]=b&lat=1&lat=2&__proto__=x&attribute[__proto__]=y')).toEqual({
      api_key: 'k',
      service_code: 'x',
      lat: '1',
      attribute: { train_number: 'G1234', tags: ['a', 'b'] },
    });
  });
});
