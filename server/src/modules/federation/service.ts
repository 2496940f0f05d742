import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Bulletin, FederatedBulletin, FederatedIncident, FederationNode, SendFederatedBulletinRequest } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { departmentDay, now, nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import type { FederationConfig } from '../../platform/federation/config.js';
import { conflict, forbidden, notFound, validationError, type FieldError, said, fieldError } from '../../platform/http/errors.js';
import { canPublishBulletin, canReadFederatedBulletins, canReadFederatedIncidents, canReadFederationNodes, CLASS_RANK } from '../../platform/policies.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { isPlatformAgency } from '../organisation/platform.js';
import type { SharingService } from '../sharing/service.js';
import type { BulletinRow } from '../sharing/store.js';
import { resolveRecipients } from '../sharing/recipients.js';
import { KIND_DEFAULTS } from '../sharing/defaults.js';
import type { FederationIncidentsTable, FederationNodesTable } from './tables.js';
import { LINK_SILENT_MS } from './receiver.js';
import { getState } from './state.js';

/** A link state not written for this long is not believed: the job that writes it is not running. */
const STALE_MS = 4 * LINK_SILENT_MS;
const CLOSED = ['closed', 'cancelled', 'merged'];

type FederatedIncidentRow = Selectable<FederationIncidentsTable>;

/**
 * The federation as people see it: the other nodes and their links, the departments' incidents
 * and figures, the bulletins that cross nodes and their receipts; and sending a bulletin to
 * agencies of other nodes. Reads follow policies/federation.ts: a reader the rule does not let in
 * sees an empty list and a 404 for any one item, as for everything else.
 */
export class FederationService {
  constructor(
    private readonly db: Db,
    private readonly config: FederationConfig | null,
    private readonly org: OrganisationService,
    private readonly network: NetworkService,
    private readonly sharing: SharingService,
    private readonly outbox: OutboxRelay,
  ) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  /** For the live channel and webhooks: the read route's rule, without reading the item. */
  async readable(kind: 'federation_node' | 'federated_incident' | 'federated_bulletin', actor: Actor, id: string): Promise<boolean> {
    if (kind === 'federation_node') return canReadFederationNodes(actor) && !!(await this.k.selectFrom('federation_nodes').select('code').where('code', '=', id).executeTakeFirst());
    if (kind === 'federated_incident') return canReadFederatedIncidents(actor) && !!(await this.k.selectFrom('federation_incidents').select('id').where('id', '=', id).executeTakeFirst());
    return canReadFederatedBulletins(actor) && !!(await this.k.selectFrom('federation_bulletins').select('id').where('id', '=', id).executeTakeFirst());
  }

  async overview(actor: Actor) {
    const c = this.config;
    const nodes = canReadFederationNodes(actor) ? await this.nodes() : [];
    // written by the import job, wherever it runs: this instance may hold no connection at all
    const ok = c ? await getState(this.k, 'nats_ok_at') : null;
    return {
      self: { role: c?.role ?? ('standalone' as const), code: c?.code ?? null, name: c?.name ?? null, natsConnected: c ? ok !== null && now() - Date.parse(ok) <= STALE_MS : null },
      nodes,
    };
  }

  async node(actor: Actor, code: string): Promise<FederationNode> {
    if (!canReadFederationNodes(actor)) throw notFound('node');
    const node = (await this.nodes(code))[0];
    if (!node) throw notFound('node');
    return node;
  }

  private async nodes(only?: string): Promise<FederationNode[]> {
    let q = this.k.selectFrom('federation_nodes').selectAll().orderBy('role').orderBy('code');
    if (only) q = q.where('code', '=', only);
    const rows = await q.execute();
    const codes = rows.map((r) => r.code);
    if (!codes.length) return [];
    const [agencies, incidents, open, bulletins] = await Promise.all([
      this.k.selectFrom('federation_agencies').select(['node', (eb) => eb.fn.countAll().as('n')]).where('node', 'in', codes).groupBy('node').execute(),
      this.k.selectFrom('federation_incidents').select(['node', (eb) => eb.fn.countAll().as('n')]).where('node', 'in', codes).groupBy('node').execute(),
      this.k.selectFrom('federation_incidents').select(['node', (eb) => eb.fn.countAll().as('n')]).where('node', 'in', codes).where('status', 'not in', CLOSED).groupBy('node').execute(),
      this.k.selectFrom('federation_bulletins').select(['origin', (eb) => eb.fn.countAll().as('n')]).where('origin', 'in', codes).groupBy('origin').execute(),
    ]);
    const count = (list: Array<{ n: unknown } & Record<string, unknown>>, key: string, code: string) => Number(list.find((x) => x[key] === code)?.n ?? 0);
    return rows.map((r) => ({
      id: r.code,
      name: r.name,
      role: r.role as FederationNode['role'],
      configured: r.configured === 1,
      link: presentLink(r),
      lastMessageAt: r.last_message_at,
      lastMessageType: r.last_message_type,
      messages: Number(r.messages),
      agencies: count(agencies, 'node', r.code),
      incidents: { total: count(incidents, 'node', r.code), open: count(open, 'node', r.code) },
      bulletins: count(bulletins, 'origin', r.code),
    }));
  }

  async indicators(actor: Actor, code: string, q: { from?: string; to?: string }) {
    await this.node(actor, code);
    let query = this.k.selectFrom('federation_indicators').selectAll().where('node', '=', code).orderBy('day').orderBy('name').orderBy('dims');
    if (q.from) query = query.where('day', '>=', q.from);
    if (q.to) query = query.where('day', '<=', q.to);
    const rows = await query.execute();
    const days = new Map<string, { day: string; computedAt: string; indicators: Map<string, { name: string; unit: string; rows: Array<{ dims: Record<string, string>; value: number }> }> }>();
    for (const r of rows) {
      const d = days.get(r.day) ?? { day: r.day, computedAt: r.computed_at, indicators: new Map() };
      const i = d.indicators.get(r.name) ?? { name: r.name, unit: r.unit, rows: [] };
      i.rows.push({ dims: JSON.parse(r.dims) as Record<string, string>, value: Number(r.value) });
      d.indicators.set(r.name, i);
      days.set(r.day, d);
    }
    return { node: code, days: [...days.values()].map((d) => ({ day: d.day, computedAt: d.computedAt, indicators: [...d.indicators.values()] })) };
  }

  async incidents(actor: Actor, q: { node?: string; status?: string; open?: 'true' | 'false'; offset: number; limit: number }) {
    if (!canReadFederatedIncidents(actor)) return { incidents: [], total: 0 };
    let query = this.k.selectFrom('federation_incidents');
    if (q.node) query = query.where('node', '=', q.node);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.open === 'true') query = query.where('status', 'not in', CLOSED);
    if (q.open === 'false') query = query.where('status', 'in', CLOSED);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('received_at', 'desc').orderBy('id').offset(q.offset).limit(q.limit).execute(),
      query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    const names = await this.nodeNames();
    return { incidents: rows.map((r) => presentIncident(r, names)), total: Number(total.n) };
  }

  async incident(actor: Actor, id: string): Promise<FederatedIncident> {
    if (!canReadFederatedIncidents(actor)) throw notFound('incident');
    const row = await this.k.selectFrom('federation_incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('incident');
    return presentIncident(row, await this.nodeNames());
  }

  async bulletins(actor: Actor, q: { node?: string; offset: number; limit: number }) {
    if (!canReadFederatedBulletins(actor)) return { bulletins: [], total: 0 };
    let query = this.k.selectFrom('federation_bulletins');
    if (q.node) query = query.where('origin', '=', q.node);
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id').offset(q.offset).limit(q.limit).execute(),
      query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { bulletins: await this.presentBulletins(rows), total: Number(total.n) };
  }

  async bulletin(actor: Actor, id: string): Promise<FederatedBulletin> {
    if (!canReadFederatedBulletins(actor)) throw notFound('bulletin');
    const row = await this.k.selectFrom('federation_bulletins').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('bulletin');
    return (await this.presentBulletins([row]))[0]!;
  }

  /** The nodes and agencies a bulletin can be sent to from here (this node's own agencies are in /api/agencies). */
  async directory() {
    const [nodes, agencies] = await Promise.all([
      this.k.selectFrom('federation_nodes').select(['code', 'name', 'role']).orderBy('role').orderBy('code').execute(),
      this.k.selectFrom('federation_agencies').selectAll().orderBy('node').orderBy('name').execute(),
    ]);
    return {
      nodes: nodes
        .filter((n) => n.code !== this.config?.code)
        .map((n) => ({ code: n.code, name: n.name, role: n.role as 'bureau' | 'department', agencies: agencies.filter((a) => a.node === n.code).map((a) => ({ id: a.agency_id, name: a.name, type: a.type })) })),
    };
  }

  /**
   * Publishes a bulletin here (to this node's agencies it names, if any) and sends it to the
   * agencies of other nodes: one transaction writes the bulletin, its local recipients, the
   * addressees on other nodes and the audit entry, and the outbox event that the federation job
   * turns into one message per node. The other nodes get it when their links allow, once.
   */
  async send(actor: Actor, req: SendFederatedBulletinRequest): Promise<{ bulletin: Bulletin; federated: FederatedBulletin }> {
    const c = this.config;
    if (!c) throw conflict('not_federated', said('本节点未加入局或处的联网（RAILJOINT_NODE_ROLE）', 'this node belongs to no bureau or department network (RAILJOINT_NODE_ROLE)'));
    if (!canPublishBulletin(actor)) throw forbidden(said('只有调度员和指挥长可以发布通报', 'only dispatchers and commanders publish bulletins'));
    const now = nowIso();
    const validFrom = req.validFrom ? new Date(req.validFrom).toISOString() : now;
    const validUntil = new Date(req.validUntil).toISOString();
    const errors: FieldError[] = [];
    if (CLASS_RANK[req.classification] > CLASS_RANK.internal) errors.push(fieldError('body.classification', '只有公开和内部通报可以发往其他节点：数据共享协议不涵盖其他节点的单位', 'only public and internal bulletins go to other nodes: no data-sharing agreement reaches an agency of another node'));
    if (validUntil <= validFrom) errors.push(fieldError('body.validUntil', '须晚于生效时间', 'must be after validFrom'));
    if (validUntil <= now) errors.push(fieldError('body.validUntil', '已过期', 'is already past'));
    const known = new Map((await this.directory()).nodes.map((n) => [n.code, new Set(n.agencies.map((a) => a.id))]));
    if (c.bureau) known.set(c.bureau.code, known.get(c.bureau.code) ?? new Set());
    const seen = new Set<string>();
    req.nodes.forEach((n, i) => {
      if (n.code === c.code) errors.push(fieldError(`body.nodes[${i}].code`, '这是本节点：请在分发范围中列出本节点的单位', 'this node: name its agencies in distribution'));
      else if (!known.has(n.code)) errors.push(fieldError(`body.nodes[${i}].code`, `本节点不知道节点「${n.code}」`, `no node "${n.code}" is known here`));
      else if (seen.has(n.code)) errors.push(fieldError(`body.nodes[${i}].code`, '重复列出', 'named twice'));
      seen.add(n.code);
      const agencies = known.get(n.code);
      // a node whose directory has not arrived yet takes any id: unknown ones go to its centre
      if (agencies?.size) n.agencies.forEach((a, j) => !agencies.has(a) && errors.push(fieldError(`body.nodes[${i}].agencies[${j}]`, `节点 ${n.code} 没有单位「${a}」`, `no agency "${a}" at ${n.code}`)));
    });
    const resolved = resolveRecipients(req.distribution, this.network, this.org);
    errors.push(...resolved.errors);
    if (errors.length) throw validationError(errors);
    const recipients = resolved.agencyIds.filter((id) => id !== actor.agencyId && !isPlatformAgency(id));
    const targets = req.nodes.map((n) => ({ node: n.code, agencies: [...new Set(n.agencies)].sort() })).sort((a, b) => a.node.localeCompare(b.node));
    const defaults = KIND_DEFAULTS[req.kind];
    const id = crypto.randomUUID();
    const row = await this.k.transaction().execute(async (trx) => {
      const day = departmentDay(Date.parse(now));
      const n = await nextNumber(trx, `bulletin:${day}`);
      const r: BulletinRow = {
        id,
        code: `TB${day}-${String(n).padStart(4, '0')}`,
        kind: req.kind,
        title: req.title,
        body: req.body,
        instruction: req.instruction ?? null,
        classification: req.classification,
        class_rank: CLASS_RANK[req.classification],
        status: 'published',
        sender_agency_id: actor.agencyId,
        created_by: actor.username,
        created_at: now,
        valid_from: validFrom,
        valid_until: validUntil,
        urgency: req.urgency ?? defaults.urgency,
        severity: req.severity ?? defaults.severity,
        certainty: req.certainty ?? defaults.certainty,
        distribution: JSON.stringify({ ...req.distribution, areaDescriptions: resolved.areaDescriptions }),
        roles: req.distribution.roles.length ? `,${req.distribution.roles.join(',')},` : '',
        source: 'local',
        cap_sender: null,
        cap_identifier: null,
        cap_sent: null,
        updated_at: now,
        version: 1,
      };
      await this.sharing.insert(trx, r, recipients);
      await trx
        .insertInto('federation_bulletins')
        .values({ id, origin: c.code, code: r.code, kind: r.kind, title: r.title, classification: r.classification, status: 'published', sender_agency_id: actor.agencyId, sender_agency_name: this.org.agencyName(actor.agencyId), author_name: actor.displayName, created_at: now, valid_until: validUntil, targets: JSON.stringify(targets), local_id: id, updated_at: now })
        .execute();
      await recordChange(trx, actor, 'bulletin', id, 'publish', { code: r.code, classification: r.classification, recipients, nodes: targets });
      await this.sharing.announce(trx, r, recipients, 'bulletin.published');
      return r;
    });
    this.outbox.kick();
    return { bulletin: await this.sharing.get(actor, row.id), federated: (await this.presentBulletins([(await this.k.selectFrom('federation_bulletins').selectAll().where('id', '=', id).executeTakeFirstOrThrow())]))[0]! };
  }

  private async nodeNames(): Promise<Map<string, string>> {
    const rows = await this.k.selectFrom('federation_nodes').select(['code', 'name']).execute();
    const names = new Map(rows.map((r) => [r.code, r.name]));
    if (this.config) names.set(this.config.code, this.config.name);
    return names;
  }

  private async presentBulletins(rows: Array<Selectable<Database['federation_bulletins']>>): Promise<FederatedBulletin[]> {
    if (!rows.length) return [];
    const names = await this.nodeNames();
    const [receipts, agencies] = await Promise.all([
      this.k.selectFrom('federation_receipts').selectAll().where('bulletin_id', 'in', rows.map((r) => r.id)).orderBy('acknowledged_at').execute(),
      this.k.selectFrom('federation_agencies').select(['node', 'agency_id', 'name']).execute(),
    ]);
    const agencyName = (node: string, id: string) => (node === this.config?.code ? this.org.agencyName(id) : (agencies.find((a) => a.node === node && a.agency_id === id)?.name ?? id));
    const nodeName = (code: string) => names.get(code) ?? code;
    return rows.map((r) => ({
      id: r.id,
      origin: r.origin,
      originName: nodeName(r.origin),
      code: r.code,
      kind: r.kind,
      title: r.title,
      classification: r.classification,
      status: r.status,
      sender: { agencyId: r.sender_agency_id, agencyName: r.sender_agency_name, authorName: r.author_name },
      createdAt: r.created_at,
      validUntil: r.valid_until,
      targets: (JSON.parse(r.targets) as Array<{ node: string; agencies: string[] }>).map((t) => ({ node: t.node, nodeName: nodeName(t.node), agencies: t.agencies.map((id) => ({ id, name: agencyName(t.node, id) })) })),
      localBulletinId: r.local_id,
      receipts: receipts.filter((x) => x.bulletin_id === r.id).map((x) => ({ node: x.node, nodeName: nodeName(x.node), agencyId: x.agency_id, agencyName: x.agency_name, acknowledgedAt: x.acknowledged_at, acknowledgedByName: x.acknowledged_by_name })),
    }));
  }
}

function presentLink(r: Selectable<FederationNodesTable>): FederationNode['link'] {
  // stamped with the platform's clock, which may be replaying another day: compared with it too
  const stale = !r.link_checked_at || now() - Date.parse(r.link_checked_at) > STALE_MS;
  return {
    state: stale ? 'unknown' : (r.link_state as FederationNode['link']['state']),
    lag: r.link_lag === null ? null : Number(r.link_lag),
    silentMs: r.link_active_ms === null ? null : Number(r.link_active_ms),
    error: r.link_error,
    since: r.link_since,
    checkedAt: r.link_checked_at,
  };
}

function presentIncident(r: FederatedIncidentRow, names: Map<string, string>): FederatedIncident {
  return {
    id: r.id,
    node: r.node,
    nodeName: names.get(r.node) ?? r.node,
    code: r.code,
    category: r.category_id,
    categoryName: r.category_name,
    channel: r.channel,
    status: r.status,
    priority: r.priority,
    responseLevel: r.response_level,
    location: { lineId: r.line_id, lineName: r.line_name, mileage: r.mileage, stationName: r.station_name, coordinates: r.lon !== null && r.lat !== null ? [r.lon, r.lat] : null },
    lead: r.lead_agency_id ? { agencyId: r.lead_agency_id, name: r.lead_agency_name ?? r.lead_agency_id } : null,
    occurredAt: r.occurred_at,
    receivedAt: r.received_at,
    times: { dispatchedAt: r.dispatched_at, onSceneAt: r.on_scene_at, clearedAt: r.cleared_at, closedAt: r.closed_at },
    version: r.version,
    updatedAt: r.updated_at,
    importedAt: r.imported_at,
  };
}
