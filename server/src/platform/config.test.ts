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
});
