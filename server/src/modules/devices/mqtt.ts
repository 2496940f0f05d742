import net from 'node:net';
import os from 'node:os';
import mqtt, { type MqttClient } from 'mqtt';
import { Aedes } from 'aedes';
import type { Ingest } from './ingest.js';
import { FRIGATE_TOPIC, TOPIC_PREFIX } from './payload.js';

export interface MqttSettings {
  /** an external broker (Mosquitto, EMQX…); null runs the embedded one */
  url: string | null;
  /** the embedded broker's port; null: no MQTT at all */
  port: number | null;
  /** subscriber connections per instance to an external broker (each handles one message at a time) */
  connections: number;
  /** stable across restarts, so the broker keeps this instance's session and redelivers what it did not acknowledge */
  clientId: string;
  /** the shared-subscription group every instance joins (default railjoint) */
  group?: string;
  /** start with a clean session (tests): nothing is kept for this client while it is away */
  clean?: boolean;
}

export const SHARE_GROUP = 'railjoint';
export const subscriptions = (group = SHARE_GROUP) => [`$share/${group}/${TOPIC_PREFIX}+/+`, `$share/${group}/${FRIGATE_TOPIC}`];

export function defaultClientId(): string {
  return `railjoint-${os.hostname().replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'server'}`;
}

export class MqttPortTaken extends Error {}

/**
 * MQTT in. With an external broker: several subscriber connections in one shared-subscription
 * group, so the broker splits messages across them and across instances; each message is
 * acknowledged (PUBACK) only after ingest has written it, and sessions persist (clean: false), so
 * the broker redelivers whatever a crash left unacknowledged. Without one: an embedded aedes
 * broker whose publish hook writes each message before aedes acknowledges it to the device.
 */
export class MqttIngest {
  private clients: MqttClient[] = [];
  private broker: Aedes | null = null;
  private server: net.Server | null = null;

  private constructor(readonly mode: 'external' | 'embedded', readonly url: string) {}

  static async start(s: MqttSettings, ingest: Ingest, log: (e: unknown, msg: string) => void): Promise<MqttIngest> {
    if (s.url) {
      const m = new MqttIngest('external', s.url);
      await m.connect(s, ingest, log);
      return m;
    }
    const m = new MqttIngest('embedded', `mqtt://127.0.0.1:${s.port}`);
    await m.embed(s.port ?? 1883, ingest, log);
    return m;
  }

  get connected(): boolean {
    return this.mode === 'embedded' ? this.server?.listening === true : this.clients.some((c) => c.connected);
  }

  /** The embedded broker's port (0 asks the system for a free one). */
  get port(): number | null {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : null;
  }

  private async connect(s: MqttSettings, ingest: Ingest, log: (e: unknown, msg: string) => void): Promise<void> {
    for (let i = 0; i < s.connections; i++) {
      const client = await mqtt.connectAsync(s.url!, { clientId: `${s.clientId}-${i}`, clean: s.clean === true ? true : false, reconnectPeriod: 2000, connectTimeout: 10_000, protocolVersion: 4 });
      // Called one message at a time per connection; the PUBACK goes out when the callback is called.
      client.handleMessage = (packet, done) => {
        if (packet.cmd !== 'publish') return done();
        ingest.fromTopic(packet.topic, packet.payload as Buffer).then(
          () => done(),
          (e: unknown) => {
            log(e, 'MQTT message failed');
            done();
          },
        );
      };
      client.on('error', (e) => log(e, 'MQTT connection error'));
      await client.subscribeAsync(Object.fromEntries(subscriptions(s.group).map((topic) => [topic, { qos: 1 as const }])));
      this.clients.push(client);
    }
  }

  private async embed(port: number, ingest: Ingest, log: (e: unknown, msg: string) => void): Promise<void> {
    const broker = await Aedes.createBroker({
      // Runs before aedes acknowledges a QoS 1 publish (and for last wills): the message is
      // written first. Refused messages are counted and let through to no one in particular.
      authorizePublish: (client, packet, callback) => {
        if (!client || packet.topic.startsWith('$SYS')) return callback(null);
        ingest.fromTopic(packet.topic, packet.payload as Buffer).then(
          () => callback(null),
          (e: unknown) => {
            log(e, 'MQTT message failed');
            callback(null);
          },
        );
      },
    });
    const server = net.createServer(broker.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => {
        broker.close();
        reject(e.code === 'EADDRINUSE' ? new MqttPortTaken(`port ${port} is taken: set RAILJOINT_MQTT_PORT to a free port, or MQTT_URL to use an existing broker`) : e);
      });
      server.listen(port, resolve);
    });
    this.broker = broker;
    this.server = server;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.endAsync().catch(() => {})));
    this.clients = [];
    // the broker first: it ends the devices' connections, which the server waits for
    if (this.broker) await new Promise<void>((r) => this.broker!.close(() => r()));
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = null;
    this.broker = null;
  }
}
