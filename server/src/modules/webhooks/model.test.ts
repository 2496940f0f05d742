import { describe, expect, it } from 'vitest';
import { matches, nextDelayMs, signature, urlProblem, verifySignature } from './model.js';

describe('webhook rules', () => {
  it('matches event patterns', () => {
    expect(matches(['incident.*'], 'incident.created')).toBe(true);
    expect(matches(['incident.*'], 'incidents.created')).toBe(false);
    expect(matches(['bulletin.published'], 'bulletin.withdrawn')).toBe(false);
    expect(matches(['*'], 'task.issued')).toBe(true);
  });

  it('signs with HMAC-SHA256 over the timestamp and body, and verifies within the tolerance', () => {
    const sig = signature('s3cret', 1_800_000_000, '{"a":1}');
    expect(sig).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', sig, '{"a":1}', 1_800_000_100)).toBe(true);
    expect(verifySignature('s3cret', sig, '{"a":2}', 1_800_000_100)).toBe(false);
    expect(verifySignature('other', sig, '{"a":1}', 1_800_000_100)).toBe(false);
    expect(verifySignature('s3cret', sig, '{"a":1}', 1_800_001_000)).toBe(false);
  });

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3].map((a) => nextDelayMs(a, 1000))).toEqual([1000, 2000, 4000]);
    expect(nextDelayMs(30, 1000)).toBe(3600_000);
  });

  it('refuses URLs that are not http(s), carry credentials, or point inside the network', () => {
    expect(urlProblem('https://cad.example.cn/hook', false)).toBeNull();
    expect(urlProblem('ftp://x/y', false)?.en).toMatch(/http/);
    expect(urlProblem('https://u:p@x.cn/', false)?.en).toMatch(/credentials/);
    for (const u of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://10.1.2.3/', 'http://192.168.0.1/', 'http://[::1]/', 'http://169.254.169.254/latest']) expect(urlProblem(u, false)?.en, u).toMatch(/private/);
    expect(urlProblem('http://127.0.0.1:9/x', true)).toBeNull();
    expect(urlProblem('not a url', false)?.en).toBe('not a URL');
  });
});
