import { describe, expect, it } from 'vitest';
import { ChainVerifier, GENESIS_HASH, hashEntry, sm3, type AuditEntry, type AuditFields } from './chain.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: AuditFields = {
      seq,
      at: `2026-12-01T00:00:0${seq % 10}.000Z`,
      userId: 'u1',
      username: 'lz.dispatcher1',
      agencyId: 'lz-centre',
      roles: 'dispatcher',
      client: '127.0.0.1',
      kind: seq % 3 === 0 ? 'read' : 'write',
      entity: 'bulletin',
      entityId: `b${seq}`,
      action: 'create',
      result: 'ok',
      detail: '{}',
      prevHash: prev,
    };
    const hash = hashEntry(fields);
    out.push({ ...fields, hash });
    prev = hash;
  }
  return out;
}

const verify = (entries: AuditEntry[]) => {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.feed(e)) break;
  return v;
};

describe('SM3 audit chain', () => {
  it('computes SM3 as the standard says (GB/T 32905 example 1)', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('accepts an intact chain', () => {
    const v = verify(chain(50));
    expect(v.problem).toBeNull();
    expect(v.checked).toBe(50);
  });

  it('names the first entry whose content was changed', () => {
    const c = chain(20);
    c[6] = { ...c[6]!, username: 'someone.else' };
    expect(verify(c).problem).toMatchObject({ seq: 7, reason: 'hash_mismatch' });
  });

  it('catches a rewritten entry whose hash was recomputed: the next link breaks', () => {
    const c = chain(20);
    const { hash: _old, ...fields } = { ...c[9]!, result: 'denied' as const };
    c[9] = { ...fields, hash: hashEntry(fields) };
    expect(verify(c).problem).toMatchObject({ seq: 11, reason: 'broken_link' });
  });

  it('catches a deleted entry and entries out of order', () => {
    const c = chain(10);
    expect(verify([...c.slice(0, 4), ...c.slice(5)]).problem).toMatchObject({ seq: 6, reason: 'sequence_gap' });
    expect(verify([c[0]!, c[2]!, c[1]!]).problem).toMatchObject({ seq: 3, reason: 'sequence_gap' });
    expect(verify([c[0]!, c[1]!, c[1]!]).problem).toMatchObject({ seq: 2, reason: 'out_of_order' });
  });

  it('cannot be fooled by moving text between fields', () => {
    const c = chain(2);
    const { hash, ...f } = c[0]!;
    const shifted = { ...f, entity: 'bulletin', entityId: 'b1', action: 'create' };
    expect(hashEntry(shifted)).toBe(hash);
    expect(hashEntry({ ...f, entity: 'bulletinb1', entityId: '' })).not.toBe(hash);
  });
});
