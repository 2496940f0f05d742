import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'nats';
import { freePort, waitFor } from './cluster/processes.js';
import { bureauConfig, departmentConfig, startNatsNode, type NatsNode } from './federation/nats-nodes.js';
import { startTcpProxy, type TcpProxy } from './federation/tcp-proxy.js';
import { PlatformNode } from './federation/platform-nodes.js';
import { serverOptions } from '../src/platform/federation/link.js';
import { FederationNames } from '../src/platform/federation/names.js';
import type { FederationConfig } from '../src/platform/federation/config.js';

/**
 * Bureau and departments (issue 15): a bureau 南宁局 (nnj) and two departments 柳州处 (lz) and
 * 南宁处 (nn), each its own platform on its own database and its own NATS server with JetStream in
 * its own domain; each department's server is a leaf node of the bureau's, through a TCP relay the
 * test cuts and restores. Both links are cut, each side works on, the links come back, and every
 * incident, bulletin, acknowledgement and figure arrives exactly once — also after a node restarts
 * and after the bureau's import consumer is made to replay its whole stream.
 */
const STONES = { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 } } as const;
const BOUND = 90_000;

describe('bureau and departments over NATS leaf nodes', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-federation-'));
  const passwords = { platform: 'bureau-platform-secret', lz: 'lz-leaf-secret', nn: 'nn-leaf-secret' };
  const servers: NatsNode[] = [];
  const proxies: Record<string, TcpProxy> = {};
  const nodes: Record<'nnj' | 'lz' | 'nn', PlatformNode> = {} as never;
  const later = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

  beforeAll(async () => {
    const leafPort = await freePort();
    servers.push(
      await startNatsNode(
        'nnj',
        path.join(root, 'nats-nnj'),
        (port) => bureauConfig({ code: 'nnj', port, leafPort, advertise: '127.0.0.1:1', store: path.join(root, 'nats-nnj', 'js'), platformPassword: passwords.platform, departments: [{ code: 'lz', password: passwords.lz }, { code: 'nn', password: passwords.nn }] }),
        (port) => `nats://platform:${passwords.platform}@127.0.0.1:${port}`,
      ),
    );
    for (const code of ['lz', 'nn'] as const) {
      proxies[code] = await startTcpProxy(leafPort);
      servers.push(
        await startNatsNode(code, path.join(root, `nats-${code}`), (port) => departmentConfig({ code, port, store: path.join(root, `nats-${code}`, 'js'), bureauLeafUrl: `nats-leaf://127.0.0.1:${proxies[code]!.port}`, password: passwords[code] }), (port) => `nats://127.0.0.1:${port}`),
      );
    }
    const url = (code: string) => servers.find((s) => s.code === code)!.url;
    const fed = (code: string, name: string, role: 'bureau' | 'department'): FederationConfig => ({
      role,
      code,
      name,
      natsUrl: url(code),
      domain: code,
      prefix: 'railjoint',
      bureau: role === 'department' ? { code: 'nnj', domain: 'nnj' } : null,
      departments: role === 'bureau' ? [{ code: 'lz', domain: 'lz' }, { code: 'nn', domain: 'nn' }] : [],
    });
    nodes.nnj = await PlatformNode.start({ code: 'nnj', dir: root, demo: false, federation: fed('nnj', '南宁局', 'bureau') });
    // both departments run the demo department's organisation: each on its own node, under its own code
    nodes.lz = await PlatformNode.start({ code: 'lz', dir: root, demo: true, federation: fed('lz', '柳州处', 'department') });
    nodes.nn = await PlatformNode.start({ code: 'nn', dir: root, demo: true, federation: fed('nn', '南宁处', 'department') });
    // the bureau's own organisation: its command centre and a commander
    await nodes.nnj.ok('admin', 'POST', '/api/organisation/import', { agencies: [{ id: 'nnj-centre', name: '南宁局指挥中心', type: 'coordination_centre', parentId: null }], jurisdictions: [] });
    await nodes.nnj.ok('admin', 'POST', '/api/users', { username: 'nnj.commander', displayName: '局值班领导', agencyId: 'nnj-centre', roles: ['commander'], password: 'Bureau-duty-2026!' });
    nodes.nnj.passwords.set('nnj.commander', 'Bureau-duty-2026!');
  }, 240_000);

  afterAll(async () => {
    for (const n of Object.values(nodes)) await n?.close().catch(() => {});
    for (const p of Object.values(proxies)) await p.close().catch(() => {});
    for (const s of servers) await s.stop().catch(() => {});
    fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);

  /** a liveness wait that names what each node's federation jobs last said when it gives up */
  const until = async <T,>(what: string, probe: () => Promise<T | null | undefined | false>) => {
    try {
      return await waitFor(what, probe, BOUND, 250);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${(await Promise.all(Object.values(nodes).map((n) => n.diagnosis()))).join('\n')}`);
    }
  };
  const bureau = () => nodes.nnj;
  const commander = 'nnj.commander';
  const link = async (node: PlatformNode, user: string, other: string) => {
    const o = await node.ok<{ nodes: Array<{ id: string; link: { state: string } }> }>(user, 'GET', '/api/federation');
    return o.nodes.find((n) => n.id === other)?.link.state;
  };
  const bulletinsTitled = async (node: PlatformNode, title: string) => node.count('bulletins', ['title', title]);
  /** every department incident, summarised at the bureau, and the figures that count them */
  const bureauSees = async (dept: 'lz' | 'nn') => ({
    incidents: await bureau().count('federation_incidents', ['node', dept]),
    counted: (await bureau().ok<{ days: Array<{ indicators: Array<{ name: string; rows: Array<{ value: number }> }> }> }>(commander, 'GET', `/api/federation/nodes/${dept}/indicators`)).days
      .flatMap((d) => d.indicators.filter((i) => i.name === 'incidents'))
      .flatMap((i) => i.rows)
      .reduce((sum, r) => sum + r.value, 0),
  });
  const shareCaughtUp = async (node: PlatformNode) => {
    const top = await node.app.db.kysely.selectFrom('outbox').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    const cursor = await node.app.db.kysely.selectFrom('federation_state').select('value').where('name', '=', 'outbox_cursor').executeTakeFirst();
    return Number(cursor?.value ?? -1) >= Number(top?.m ?? 0);
  };

  it('keeps each side working while cut off and delivers everything once when the links return', async () => {
    const started = Date.now();
    // linked: the bureau hears both departments, each department the bureau, and the bureau's directory
    // has told each department of the other's agencies
    await until('the links to come up', async () => (await link(bureau(), commander, 'lz')) === 'connected' && (await link(bureau(), commander, 'nn')) === 'connected' && (await link(nodes.lz, 'lz.dispatcher1', 'nnj')) === 'connected' && (await link(nodes.nn, 'lz.dispatcher1', 'nnj')) === 'connected');
    // each node's own NATS server answers all along: only the links between them are cut below
    for (const [n, user] of [[bureau(), commander], [nodes.lz, 'lz.dispatcher1'], [nodes.nn, 'lz.dispatcher1']] as const) await until(`${n.code} to report its NATS server`, async () => (await n.ok(user, 'GET', '/api/federation')).self.natsConnected === true);
    await until('the directory to reach the departments', async () => {
      const lz = await nodes.lz.ok<{ nodes: Array<{ code: string; agencies: unknown[] }> }>('lz.dispatcher1', 'GET', '/api/federation/directory');
      const nn = await nodes.nn.ok<{ nodes: Array<{ code: string; agencies: unknown[] }> }>('lz.dispatcher1', 'GET', '/api/federation/directory');
      return lz.nodes.some((n) => n.code === 'nn' && n.agencies.length > 100) && nn.nodes.some((n) => n.code === 'lz' && n.agencies.length > 100) && lz.nodes.some((n) => n.code === 'nnj' && n.agencies.length === 1);
    });
    await until('the demo departments’ incidents to reach the bureau', async () => {
      for (const d of ['lz', 'nn'] as const) if ((await bureauSees(d)).incidents !== (await nodes[d].count('incidents'))) return false;
      return true;
    });
    const before = { lz: await nodes.lz.count('incidents'), nn: await nodes.nn.count('incidents') };

    // ---- cut both links
    proxies.lz!.cut();
    proxies.nn!.cut();
    await until('every side to see its link down', async () => (await link(bureau(), commander, 'lz')) === 'disconnected' && (await link(bureau(), commander, 'nn')) === 'disconnected' && (await link(nodes.lz, 'lz.dispatcher1', 'nnj')) === 'disconnected' && (await link(nodes.nn, 'lz.commander', 'nnj')) === 'disconnected');

    // each department takes calls and sends bulletins to the other department's agencies and to the bureau
    for (let i = 0; i < 3; i++) {
      await nodes.lz.ok('lz.dispatcher1', 'POST', '/api/incidents', { ...STONES, description: `柳州处断网期间报警 ${i}` });
      await nodes.nn.ok('lz.dispatcher1', 'POST', '/api/incidents', { ...STONES, description: `南宁处断网期间报警 ${i}` });
    }
    const fromLz = await nodes.lz.ok('lz.dispatcher1', 'POST', '/api/federation/bulletins', { kind: 'bolo', title: '柳州处协查：灰色双肩包男子', body: '沿线注意', classification: 'internal', validUntil: later(24), nodes: [{ code: 'nn', agencies: ['cb-yufeng'] }, { code: 'nnj' }] });
    const fromNn = await nodes.nn.ok('lz.commander', 'POST', '/api/federation/bulletins', { kind: 'risk_warning', title: '南宁处预警：强对流天气', body: '注意防风', classification: 'public', validUntil: later(24), nodes: [{ code: 'lz' }, { code: 'nnj' }] });
    const fromBureau = await bureau().ok(commander, 'POST', '/api/federation/bulletins', { kind: 'security_notice', title: '南宁局通报：春运安保', body: '加强巡防', classification: 'internal', validUntil: later(24), nodes: [{ code: 'lz' }, { code: 'nn' }] });
    expect(fromLz.federated.targets.map((t: { node: string }) => t.node)).toEqual(['nn', 'nnj']);

    for (const [n, user] of [[bureau(), commander], [nodes.lz, 'lz.dispatcher1']] as const) expect((await n.ok(user, 'GET', '/api/federation')).self).toMatchObject({ natsConnected: true });
    // everything is in each node's own stream (the share jobs caught up) — and nothing crossed
    for (const n of Object.values(nodes)) await until(`${n.code} to publish into its own stream`, () => shareCaughtUp(n));
    expect(await bureau().count('federation_incidents', ['node', 'lz'])).toBe(before.lz);
    expect(await bureau().count('federation_incidents', ['node', 'nn'])).toBe(before.nn);
    expect(await bulletinsTitled(bureau(), '柳州处协查：灰色双肩包男子')).toBe(0);
    expect(await bulletinsTitled(nodes.nn, '柳州处协查：灰色双肩包男子')).toBe(0);
    expect(await bulletinsTitled(nodes.lz, '南宁处预警：强对流天气')).toBe(0);
    expect(await bulletinsTitled(nodes.lz, '南宁局通报：春运安保')).toBe(0);
    expect(await bulletinsTitled(nodes.nn, '南宁局通报：春运安保')).toBe(0);

    // ---- restore
    proxies.lz!.restore();
    proxies.nn!.restore();
    await until('everything to arrive', async () => {
      for (const d of ['lz', 'nn'] as const) {
        const seen = await bureauSees(d);
        const total = await nodes[d].count('incidents');
        if (seen.incidents !== total || seen.counted !== total) return false;
      }
      return (
        (await bulletinsTitled(bureau(), '柳州处协查：灰色双肩包男子')) === 1 &&
        (await bulletinsTitled(bureau(), '南宁处预警：强对流天气')) === 1 &&
        (await bulletinsTitled(nodes.nn, '柳州处协查：灰色双肩包男子')) === 1 &&
        (await bulletinsTitled(nodes.lz, '南宁处预警：强对流天气')) === 1 &&
        (await bulletinsTitled(nodes.lz, '南宁局通报：春运安保')) === 1 &&
        (await bulletinsTitled(nodes.nn, '南宁局通报：春运安保')) === 1
      );
    });
    expect((await nodes.lz.count('incidents')) - before.lz).toBe(3);

    // delivered as received from outside: the sender named, to the agencies addressed, under the bulletin rule
    const atNn = (await nodes.nn.ok('yufeng.liaison', 'GET', '/api/bulletins?view=all')).bulletins.find((b: { title: string }) => b.title === '柳州处协查：灰色双肩包男子');
    expect(atNn).toMatchObject({ source: 'federation', senderAgencyId: 'lz/lz-centre', senderAgencyName: `${nodes.lz.app.services.organisation.agencyName('lz-centre')}（柳州处）`, myAcknowledgement: { acknowledgedAt: null } });
    const notAddressed = (await nodes.nn.ok('liubei.liaison', 'GET', '/api/bulletins?view=all')).bulletins.map((b: { title: string }) => b.title);
    expect(notAddressed).not.toContain('柳州处协查：灰色双肩包男子');
    const atBureau = (await bureau().ok(commander, 'GET', '/api/bulletins?view=all')).bulletins as Array<{ id: string; title: string }>;
    const atLz = (await nodes.lz.ok('lz.dispatcher1', 'GET', '/api/bulletins?view=all')).bulletins as Array<{ id: string; title: string }>;
    const atNnCentre = (await nodes.nn.ok('lz.dispatcher1', 'GET', '/api/bulletins?view=all')).bulletins as Array<{ id: string; title: string }>;

    // ---- acknowledgements, locally on each receiving node; they flow back to the sender and past the bureau
    await nodes.nn.ok('yufeng.liaison', 'POST', `/api/bulletins/${atNn.id}/acknowledge`, {});
    await bureau().ok(commander, 'POST', `/api/bulletins/${atBureau.find((b) => b.title === '柳州处协查：灰色双肩包男子')!.id}/acknowledge`, {});
    await bureau().ok(commander, 'POST', `/api/bulletins/${atBureau.find((b) => b.title === '南宁处预警：强对流天气')!.id}/acknowledge`, {});
    await nodes.lz.ok('lz.dispatcher1', 'POST', `/api/bulletins/${atLz.find((b) => b.title === '南宁处预警：强对流天气')!.id}/acknowledge`, {});
    await nodes.lz.ok('lz.dispatcher1', 'POST', `/api/bulletins/${atLz.find((b) => b.title === '南宁局通报：春运安保')!.id}/acknowledge`, {});
    await nodes.nn.ok('lz.dispatcher1', 'POST', `/api/bulletins/${atNnCentre.find((b) => b.title === '南宁局通报：春运安保')!.id}/acknowledge`, {});
    const receipts = async (node: PlatformNode, user: string, id: string) => ((await node.ok(user, 'GET', `/api/federation/bulletins/${id}`)).receipts as Array<{ node: string; agencyId: string }>).map((r) => `${r.node}/${r.agencyId}`).sort();
    await until('the acknowledgements to reach the senders', async () => {
      const lzSent = await receipts(nodes.lz, 'lz.dispatcher1', fromLz.bulletin.id);
      const nnSent = await receipts(nodes.nn, 'lz.commander', fromNn.bulletin.id);
      const bureauSent = await receipts(bureau(), commander, fromBureau.bulletin.id);
      return JSON.stringify(lzSent) === JSON.stringify(['nn/cb-yufeng', 'nnj/nnj-centre']) && JSON.stringify(nnSent) === JSON.stringify(['lz/lz-centre', 'nnj/nnj-centre']) && JSON.stringify(bureauSent) === JSON.stringify(['lz/lz-centre', 'nn/lz-centre']);
    });
    // the bureau saw the department-to-department bulletin and its acknowledgement pass
    expect(await receipts(bureau(), commander, fromLz.bulletin.id)).toEqual(['nn/cb-yufeng', 'nnj/nnj-centre']);

    // a withdrawal follows the bulletin to every node it went to
    await nodes.lz.ok('lz.dispatcher1', 'POST', `/api/bulletins/${fromLz.bulletin.id}/withdraw`, { reason: '已抓获' });
    await until('the withdrawal to reach 南宁处 and the bureau', async () => {
      const copy = await nodes.nn.ok('yufeng.liaison', 'GET', `/api/bulletins/${atNn.id}`);
      const passing = await bureau().ok(commander, 'GET', `/api/federation/bulletins/${fromLz.bulletin.id}`);
      return copy.status === 'withdrawn' && passing.status === 'withdrawn';
    });

    // ---- exactly once, even after a restart and a full replay
    const snapshot = async () => ({
      bureauIncidents: await bureau().count('federation_incidents'),
      bureauBulletins: await bureau().count('bulletins'),
      bureauCrossing: await bureau().count('federation_bulletins'),
      bureauReceipts: await bureau().count('federation_receipts'),
      lzBulletins: await nodes.lz.count('bulletins'),
      nnBulletins: await nodes.nn.count('bulletins'),
      lzReceipts: await nodes.lz.count('federation_receipts'),
      nnReceipts: await nodes.nn.count('federation_receipts'),
      lzCounted: (await bureauSees('lz')).counted,
      nnCounted: (await bureauSees('nn')).counted,
    });
    const settled = await snapshot();
    expect(settled.lzCounted).toBe(await nodes.lz.count('incidents'));
    expect(settled.nnCounted).toBe(await nodes.nn.count('incidents'));

    await nodes.nn.restart();
    await until('南宁处 to be linked again after its restart', async () => (await link(nodes.nn, 'lz.dispatcher1', 'nnj')) === 'connected');
    await until('南宁处 to have shared everything again', () => shareCaughtUp(nodes.nn));

    // the bureau's import consumer is removed: the platform makes it again and reads the whole stream anew
    const names = new FederationNames('railjoint');
    const nc = await connect({ ...serverOptions(servers[0]!.url), timeout: 5000 });
    try {
      const jsm = await nc.jetstreamManager();
      expect(await jsm.consumers.delete(names.outStream('nnj'), names.consumer)).toBe(true);
      const last = (await jsm.streams.info(names.outStream('nnj'))).state.last_seq;
      const before = bureau().app.services.federation.stats()!;
      await until('the bureau to read its stream again from the start', async () => {
        const info = await jsm.consumers.info(names.outStream('nnj'), names.consumer).catch(() => null);
        return info !== null && info.delivered.stream_seq >= last && info.num_pending === 0 && info.num_ack_pending === 0;
      });
      // every message of the stream came again, and each was recognised as one imported before
      const after = bureau().app.services.federation.stats()!;
      expect(after.duplicate - before.duplicate).toBeGreaterThanOrEqual(last);
      expect(after.refused).toBe(0);
    } finally {
      await nc.close();
    }
    expect(await snapshot()).toEqual(settled);
    console.log(`federation partition: ${((Date.now() - started) / 1000).toFixed(1)} s from linked to replayed`);
  }, 300_000);
});
