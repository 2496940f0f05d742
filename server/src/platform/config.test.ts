import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const c = loadConfig({}, { demo: true });
    expect(c).toMatchObject({ port: 8080, demo: true, natsUrl: null, adminPassword: null });
    expect(c.database).toMatchObject({ engine: 'sqlite' });
    expect(c.reception).toMatchObject({ duplicateDistanceM: 500, ackTimeoutS: 120, speedsKmh: {} });
  });
  it('reads the database, demo switch and reception settings', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', RAILJOINT_DEMO: '0', RAILJOINT_ETA_SPEEDS: 'patrol_car=50,foot_team=4.5', RAILJOINT_ACK_TIMEOUT_S: '60' });
    expect(c.database).toEqual({ engine: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(c.demo).toBe(false);
    expect(c.reception.speedsKmh).toEqual({ patrol_car: 50, foot_team: 4.5 });
    expect(c.reception.ackTimeoutS).toBe(60);
  });
  it('names what is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\/ or sqlite:/);
    expect(() => loadConfig({ RAILJOINT_ETA_SPEEDS: 'fast' })).toThrow(/RAILJOINT_ETA_SPEEDS/);
    expect(() => loadConfig({ RAILJOINT_ADMIN_PASSWORD: 'short' })).toThrow(/at least 10/);
  });
  it('names the NATS stream by a prefix and paces the periodic jobs', () => {
    expect(loadConfig({})).toMatchObject({ natsPrefix: 'railjoint', sweepEveryS: 5 });
    expect(loadConfig({ RAILJOINT_NATS_PREFIX: 'railjoint-lz', RAILJOINT_SWEEP_S: '1' })).toMatchObject({ natsPrefix: 'railjoint-lz', sweepEveryS: 1 });
    for (const bad of ['Railjoint', 'rail.joint', '', 'x'.repeat(40)]) expect(() => loadConfig({ RAILJOINT_NATS_PREFIX: bad }), bad).toThrow(/RAILJOINT_NATS_PREFIX/);
    for (const bad of ['0', '61', 'often']) expect(() => loadConfig({ RAILJOINT_SWEEP_S: bad }), bad).toThrow(/RAILJOINT_SWEEP_S/);
  });
  it('trusts no proxy unless told, and checks each address and CIDR', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ RAILJOINT_TRUSTED_PROXIES: '10.20.0.5, 10.20.1.0/24,fd00::/8,loopback' }).trustedProxies).toEqual(['10.20.0.5', '10.20.1.0/24', 'fd00::/8', 'loopback']);
    for (const bad of ['10.20.0.300', '10.20.1.0/33', 'proxy.example', '10.0.0.1/8/1', 'fd00::/129']) {
      expect(() => loadConfig({ RAILJOINT_TRUSTED_PROXIES: bad }), bad).toThrow(/RAILJOINT_TRUSTED_PROXIES/);
    }
  });
  it('asks admins, commanders and auditors for a second factor unless told otherwise', () => {
    expect(loadConfig({}).mfaRoles).toEqual(['admin', 'commander', 'auditor']);
    expect(loadConfig({ RAILJOINT_MFA_ROLES: 'admin, dispatcher' }).mfaRoles).toEqual(['admin', 'dispatcher']);
    expect(loadConfig({ RAILJOINT_MFA_ROLES: '' }).mfaRoles).toEqual([]);
    expect(() => loadConfig({ RAILJOINT_MFA_ROLES: 'admin,chief' })).toThrow(/RAILJOINT_MFA_ROLES/);
  });
  it('takes a basemap as a PMTiles file that is there, or a style URL, and nothing else', () => {
    expect(loadConfig({}).basemap).toBeNull();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-basemap-')), 'guangxi.pmtiles');
    fs.writeFileSync(file, 'PMTiles');
    expect(loadConfig({ RAILJOINT_BASEMAP: file }).basemap).toEqual({ kind: 'pmtiles', file });
    expect(loadConfig({ RAILJOINT_BASEMAP: 'http://tiles.lz.police:8080/styles/basic/style.json' }).basemap).toEqual({ kind: 'style', url: 'http://tiles.lz.police:8080/styles/basic/style.json' });
    expect(() => loadConfig({ RAILJOINT_BASEMAP: `${file}.missing.pmtiles` })).toThrow(/cannot read the PMTiles file/);
    expect(() => loadConfig({ RAILJOINT_BASEMAP: '/srv/maps/guangxi.mbtiles' })).toThrow(/RAILJOINT_BASEMAP is a PMTiles file/);
    expect(() => loadConfig({ RAILJOINT_BASEMAP: 'ftp://tiles/style.json' })).toThrow(/RAILJOINT_BASEMAP/);
  });
});
