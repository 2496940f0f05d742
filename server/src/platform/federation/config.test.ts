import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { federationFromEnv } from './config.js';
import { FederationNames } from './names.js';
import { serverOptions } from './link.js';

describe('federation configuration', () => {
  it('leaves a node on its own unless a role is given', () => {
    expect(federationFromEnv({}, null)).toEqual({ config: null, problems: [] });
    expect(loadConfig({}).federation).toBeNull();
    expect(loadConfig({}).natsPrefix).toBe('railjoint');
  });
  it('reads a department and a bureau, domains defaulting to codes', () => {
    const lz = loadConfig({ RAILJOINT_NODE_ROLE: 'department', RAILJOINT_NODE_CODE: 'lz', RAILJOINT_NODE_NAME: '柳州处', NATS_URL: 'nats://127.0.0.1:4222', RAILJOINT_BUREAU: 'nnj@nanning' });
    expect(lz.federation).toEqual({ role: 'department', code: 'lz', name: '柳州处', natsUrl: 'nats://127.0.0.1:4222', domain: 'lz', prefix: 'railjoint', bureau: { code: 'nnj', domain: 'nanning' }, departments: [] });
    // the node's own events stay off the leaf connection unless a prefix is chosen
    expect(lz.natsPrefix).toBe('railjoint-lz');
    const nnj = loadConfig({ RAILJOINT_NODE_ROLE: 'bureau', RAILJOINT_NODE_CODE: 'nnj', RAILJOINT_NODE_NATS_URL: 'nats://u:p@10.0.0.1:4222', RAILJOINT_DEPARTMENTS: 'lz, nn@nn-js , gl', RAILJOINT_NATS_PREFIX: 'rj' });
    expect(nnj.federation).toMatchObject({ role: 'bureau', name: 'nnj', departments: [{ code: 'lz', domain: 'lz' }, { code: 'nn', domain: 'nn-js' }, { code: 'gl', domain: 'gl' }], bureau: null });
    expect(nnj.natsPrefix).toBe('rj');
  });
  it('names what is missing or wrong', () => {
    expect(() => loadConfig({ RAILJOINT_NODE_ROLE: 'department', RAILJOINT_NODE_CODE: 'lz' })).toThrow(/RAILJOINT_BUREAU[\s\S]*RAILJOINT_NODE_NATS_URL|RAILJOINT_NODE_NATS_URL[\s\S]*RAILJOINT_BUREAU/);
    expect(() => loadConfig({ RAILJOINT_NODE_ROLE: 'bureau', NATS_URL: 'nats://h:4222' })).toThrow(/RAILJOINT_NODE_CODE/);
    expect(() => loadConfig({ RAILJOINT_NODE_ROLE: 'bureau', RAILJOINT_NODE_CODE: 'nnj', NATS_URL: 'nats://h:4222', RAILJOINT_BUREAU: 'x' })).toThrow(/a bureau has no bureau/);
    expect(() => loadConfig({ RAILJOINT_NODE_ROLE: 'bureau', RAILJOINT_NODE_CODE: 'nnj', NATS_URL: 'nats://h:4222', RAILJOINT_DEPARTMENTS: 'lz,nnj' })).toThrow(/nnj twice/);
    expect(() => loadConfig({ RAILJOINT_NODE_ROLE: 'department', RAILJOINT_NODE_CODE: 'LZ.1', NATS_URL: 'nats://h:4222', RAILJOINT_BUREAU: 'nnj' })).toThrow(ConfigError);
    expect(() => loadConfig({ RAILJOINT_NODE_CODE: 'lz' })).toThrow(/only with RAILJOINT_NODE_ROLE/);
  });
});

describe('federation subjects and streams', () => {
  const n = new FederationNames('railjoint');
  it('keeps each node to a subject space of its own', () => {
    expect(n.subject('lz', 'nnj', 'incident')).toBe('railjoint.fed.lz.nnj.incident');
    expect(n.outStream('lz')).toBe('RAILJOINT_FED_LZ');
    expect(n.inStream('lz')).toBe('RAILJOINT_FED_LZ_IN');
    expect(n.addressedTo('lz')).toBe('railjoint.fed.*.lz.>');
    expect(n.parse('railjoint.fed.lz.nn.bulletin')).toEqual({ from: 'lz', to: 'nn', type: 'bulletin' });
    for (const bad of ['railjoint.fed.lz.nn', 'railjoint.fed.lz.nn.bulletin.x', 'railjoint.fed.lz.nn.gossip', 'other.fed.lz.nn.bulletin', 'railjoint.events.incident.created']) expect(n.parse(bad), bad).toBeNull();
  });
  it('takes credentials out of a NATS URL, which the client does not read there', () => {
    expect(serverOptions('nats://platform:s%40cret@10.0.0.1:4222')).toEqual({ servers: 'nats://10.0.0.1:4222', user: 'platform', pass: 's@cret' });
    expect(serverOptions('nats://10.0.0.1:4222')).toEqual({ servers: 'nats://10.0.0.1:4222' });
  });
});
