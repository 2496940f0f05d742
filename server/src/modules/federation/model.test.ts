import { describe, expect, it } from 'vitest';
import { linkState, LINK_SILENT_MS } from './receiver.js';
import { mergeTargets } from './importer.js';
import { readEnvelope } from './messages.js';
import { canonicalDims, dayBounds } from './indicators.js';
import { outsiderId, splitOutsider } from './outsiders.js';

describe('the federation model', () => {
  it('calls a link connected only while its source hears the other side', () => {
    expect(linkState({ activeMs: 150, error: null })).toBe('connected');
    expect(linkState({ activeMs: LINK_SILENT_MS + 1, error: null })).toBe('disconnected');
    expect(linkState({ activeMs: 10, error: 'stream not found' })).toBe('disconnected');
    expect(linkState({ activeMs: null, error: 'stream not found' })).toBe('disconnected');
    expect(linkState({ activeMs: null, error: null })).toBe('unknown');
  });
  it('merges the addressees of one bulletin’s messages', () => {
    expect(mergeTargets([{ node: 'nn', agencies: ['b'] }], [{ node: 'nnj', agencies: [] }, { node: 'nn', agencies: ['a', 'b'] }])).toEqual([
      { node: 'nn', agencies: ['a', 'b'] },
      { node: 'nnj', agencies: [] },
    ]);
  });
  it('refuses a message that is not what it says', () => {
    const base = { v: 1, id: 'lz.receipt.x', type: 'receipt', from: 'lz', to: 'nnj', at: '2026-12-03T10:00:00+08:00' };
    const receipt = { bulletinId: 'b1', origin: 'nnj', agencyId: 'lz-centre', agencyName: '中心', acknowledgedAt: '2026-12-03T02:00:00.000Z', acknowledgedByName: '张三' };
    expect(readEnvelope({ ...base, body: receipt })).toMatchObject({ ok: true, message: { type: 'receipt', body: receipt } });
    expect(readEnvelope({ ...base, body: { ...receipt, acknowledgedAt: 'yesterday' } })).toMatchObject({ ok: false, reason: expect.stringContaining('acknowledgedAt') });
    expect(readEnvelope({ ...base, type: 'gossip', body: receipt })).toMatchObject({ ok: false });
    expect(readEnvelope({ ...base, v: 2, body: receipt })).toMatchObject({ ok: false });
    // restricted and secret bulletins never cross nodes, whoever sends one
    const bulletin = { id: 'b1', code: 'TB1', kind: 'bolo', title: 't', body: 'b', instruction: null, classification: 'secret', status: 'published', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', createdAt: base.at, validFrom: base.at, validUntil: base.at, sender: { agencyId: 'a', agencyName: 'A', authorName: 'x' }, targets: [{ node: 'nn', agencies: [] }] };
    expect(readEnvelope({ ...base, type: 'bulletin', body: bulletin })).toMatchObject({ ok: false, reason: expect.stringContaining('classification') });
    expect(readEnvelope({ ...base, type: 'bulletin', body: { ...bulletin, classification: 'internal' } })).toMatchObject({ ok: true });
  });
  it('counts a Beijing day from its midnight', () => {
    expect(dayBounds('20261203')).toEqual({ from: '2026-12-02T16:00:00.000Z', to: '2026-12-03T16:00:00.000Z' });
    expect(canonicalDims({ status: 'closed', category: 'theft' })).toBe('{"category":"theft","status":"closed"}');
  });
  it('names another node’s agency so no local id can be mistaken for it', () => {
    expect(outsiderId('nn', 'lz-centre')).toBe('nn/lz-centre');
    expect(splitOutsider('nn/lz-centre')).toEqual({ node: 'nn', agencyId: 'lz-centre' });
    expect(splitOutsider('lz-centre')).toBeNull();
  });
});
