import mqtt, { type MqttClient } from 'mqtt';

/**
 * The devices of the ingest bench, in a process of their own: field gateways are other machines,
 * so their MQTT encoding must not be charged to the server's core. Started with the broker, the
 * number of events, sensors, gateways and the in-flight window per gateway as JSON in argv[2];
 * connects, says `ready`, publishes every event at QoS 1 when told `go` on stdin, and prints the
 * seconds from the first publish to the last PUBACK.
 */
interface Plan {
  broker: string;
  events: number;
  sensors: number;
  gateways: number;
  inflight: number;
  /** device ids are `${prefix}${i}` */
  prefix: string;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as Plan;
const topic = (id: string) => `railjoint/v1/devices/${id}/event`;

const clients: MqttClient[] = [];
for (let i = 0; i < plan.gateways; i++) clients.push(await mqtt.connectAsync(plan.broker, { clientId: `bench-gw-${process.pid}-${i}`, clean: true }));
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
// stdin stays open otherwise, and with it this process
process.stdin.destroy();

let seq = 0;
const event = (type: string, positionM: number) => JSON.stringify({ type, at: new Date().toISOString(), seq: ++seq, positionM, confidence: 0.8 });
const t = performance.now();
await Promise.all(
  clients.map(async (c, g) => {
    const inflight = new Set<Promise<unknown>>();
    for (let k = g; k < plan.events; k += clients.length) {
      const s = k % plan.sensors;
      // each sensor's intruder walks 5 m per event: repeats, groups growing, rules deciding
      const p = c.publishAsync(topic(`${plan.prefix}${s}`), event('fence_cut', (Math.floor(k / plan.sensors) * 5) % 1000), { qos: 1 });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      if (inflight.size >= plan.inflight) await Promise.race(inflight);
    }
    await Promise.all(inflight);
  }),
);
const seconds = (performance.now() - t) / 1000;
await Promise.all(clients.map((c) => c.endAsync()));
process.stdout.write(`${JSON.stringify({ seconds })}\n`, () => process.exit(0));
