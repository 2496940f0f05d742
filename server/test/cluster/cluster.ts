import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBalancer, type Balancer } from './balancer.js';
import { buildBundle, sharedEnv, startInstance, type Instance } from './instances.js';
import { atExit } from './processes.js';

export interface ClusterOptions {
  databaseUrl: string;
  natsUrl: string;
  /** the NATS stream and subjects of this test alone (RAILJOINT_NATS_PREFIX) */
  natsPrefix: string;
  instances?: number;
  /** more configuration for every instance (short timeouts for the background-job test) */
  env?: Record<string, string>;
}

export interface Cluster {
  instances: Instance[];
  balancer: Balancer;
  /** starts one more instance of the same build and configuration (not behind the balancer) */
  startAnother(name: string): Promise<Instance>;
  stop(): Promise<void>;
}

/**
 * Several real server processes on one database and one NATS, behind HAProxy. The first starts
 * alone (it migrates and seeds the demo department), the others together; stop() removes
 * everything it made, whatever state the test left it in.
 */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-cluster-'));
  const forgetKeys = atExit(() => fs.rmSync(keys, { recursive: true, force: true }));
  const bundle = buildBundle();
  const env = sharedEnv({ DATABASE_URL: opts.databaseUrl, NATS_URL: opts.natsUrl, RAILJOINT_NATS_PREFIX: opts.natsPrefix, ...opts.env }, keys);
  const started: Instance[] = [];
  let balancer: Balancer | null = null;
  const stop = async () => {
    await balancer?.stop();
    await Promise.all(started.map((i) => i.kill()));
    bundle.remove();
    fs.rmSync(keys, { recursive: true, force: true });
    forgetKeys();
  };
  try {
    const n = opts.instances ?? 3;
    started.push(await startInstance('i1', bundle.main, env));
    await Promise.all(Array.from({ length: n - 1 }, (_, k) => startInstance(`i${k + 2}`, bundle.main, env).then((i) => void started.push(i))));
    started.sort((a, b) => a.name.localeCompare(b.name));
    balancer = await startBalancer(started.map((i) => i.port));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    instances: started.slice(),
    balancer,
    async startAnother(name) {
      const i = await startInstance(name, bundle.main, env);
      started.push(i);
      return i;
    },
    stop,
  };
}
