import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { departmentDay, nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import { CLASS_RANK } from '../../platform/policies.js';
import type { OrganisationService } from '../organisation/service.js';
import { isPlatformAgency } from '../organisation/platform.js';
import type { SharingService } from '../sharing/service.js';
import type { BulletinRow } from '../sharing/store.js';
import type { BulletinBody, EnvelopeOf, IncidentSummary, IndicatorsBody, NodeInfo, ReceiptBody } from './messages.js';
import { canonicalDims } from './indicators.js';
import { outsiderId, type OutsiderNames } from './outsiders.js';

export interface ImporterDeps {
  db: Db;
  /** this node; null on a node on its own (imports still work, for tests of the read rules) */
  self: { code: string; role: 'bureau' | 'department'; bureau: string | null } | null;
  org: OrganisationService;
  sharing: SharingService;
  outbox: OutboxRelay;
  names: OutsiderNames;
}

/** The platform acting for the federation: imports are nobody's request but are on the audit trail. */
const FEDERATION_ACTOR = { ...SYSTEM_ACTOR, displayName: 'RailJoint federation' };

/**
 * Applies what arrived from other nodes, each message in one transaction with the record that it
 * was imported (`federation_inbox`, keyed by the origin's message id) and its entry on the audit
 * trail. A message seen before changes nothing; rows are keyed by the origin's own ids and a
 * late copy never overwrites a newer one, so a replay of the whole stream leaves every table as
 * it was.
 */
export class FederationImporter {
  constructor(private readonly deps: ImporterDeps) {}

  private get me(): string | null {
    return this.deps.self?.code ?? null;
  }

  async apply(msg: EnvelopeOf): Promise<'imported' | 'duplicate'> {
    let announced = false;
    const outcome = await this.deps.db.kysely.transaction().execute(async (trx) => {
      const seen = await trx.selectFrom('federation_inbox').select('msg_id').where('msg_id', '=', msg.id).executeTakeFirst();
      if (seen) return 'duplicate' as const;
      const now = nowIso();
      await trx.insertInto('federation_inbox').values({ msg_id: msg.id, node: msg.from, type: msg.type, received_at: now }).execute();
      if (msg.from !== this.me) await this.touchNode(trx, msg.from, msg.type, now);
      // the bureau reads its own stream, which holds its own messages too: only what it sent and
      // acknowledged belongs in its records, its announcements of itself do not
      else if (msg.type !== 'bulletin' && msg.type !== 'receipt') return 'imported' as const;
      switch (msg.type) {
        case 'node':
          await this.node(trx, msg.body);
          break;
        case 'directory':
          for (const n of msg.body.nodes) if (n.code !== this.me) await this.node(trx, n);
          break;
        case 'incident':
          await this.incident(trx, msg.from, msg.body, now);
          break;
        case 'indicators':
          await this.indicators(trx, msg.from, msg.body);
          break;
        case 'bulletin':
          announced = await this.bulletin(trx, msg.from, msg.to, msg.body, now);
          break;
        case 'receipt':
          await this.receipt(trx, msg.from, msg.body, now);
          break;
      }
      return 'imported' as const;
    });
    if (announced) this.deps.outbox.kick();
    return outcome;
  }

  private async touchNode(trx: Kysely<Database>, code: string, type: string, now: string): Promise<void> {
    const row = await trx.selectFrom('federation_nodes').select(['code', 'messages']).where('code', '=', code).executeTakeFirst();
    if (row) {
      await trx.updateTable('federation_nodes').set({ last_message_at: now, last_message_type: type, messages: Number(row.messages) + 1 }).where('code', '=', code).execute();
      return;
    }
    const role = this.deps.self?.bureau === code ? 'bureau' : 'department';
    await trx.insertInto('federation_nodes').values(newNode(code, role, code, false, { last_message_at: now, last_message_type: type, messages: 1 })).execute();
  }

  /** A node's name, role and agencies, from its own announcement or the bureau's directory. */
  private async node(trx: Kysely<Database>, n: NodeInfo): Promise<void> {
    const known = await trx.selectFrom('federation_nodes').select('code').where('code', '=', n.code).executeTakeFirst();
    if (known) await trx.updateTable('federation_nodes').set({ name: n.name, role: n.role }).where('code', '=', n.code).execute();
    else await trx.insertInto('federation_nodes').values(newNode(n.code, n.role, n.name, false)).execute();
    await trx.deleteFrom('federation_agencies').where('node', '=', n.code).execute();
    for (let i = 0; i < n.agencies.length; i += 200) {
      await trx.insertInto('federation_agencies').values(n.agencies.slice(i, i + 200).map((a) => ({ node: n.code, agency_id: a.id, name: a.name, type: a.type }))).execute();
    }
    for (const a of n.agencies) this.deps.names.note(n.code, n.name, a.id, a.name);
    await recordChange(trx, FEDERATION_ACTOR, 'federation_node', n.code, 'import', { name: n.name, role: n.role, agencies: n.agencies.length });
  }

  private async incident(trx: Kysely<Database>, node: string, s: IncidentSummary, now: string): Promise<void> {
    const stored = await trx.selectFrom('federation_incidents').select(['version', 'updated_at', 'node']).where('id', '=', s.id).executeTakeFirst();
    if (stored && (stored.node !== node || stored.version > s.version || (stored.version === s.version && stored.updated_at >= s.updatedAt))) return;
    const row = {
      id: s.id,
      node,
      code: s.code,
      category_id: s.categoryId,
      category_name: s.categoryName,
      channel: s.channel,
      status: s.status,
      priority: s.priority,
      response_level: s.responseLevel,
      line_id: s.lineId,
      line_name: s.lineName,
      mileage: s.mileage,
      station_name: s.stationName,
      lon: s.lon,
      lat: s.lat,
      lead_agency_id: s.leadAgencyId,
      lead_agency_name: s.leadAgencyName,
      occurred_at: iso(s.occurredAt),
      received_at: iso(s.receivedAt),
      dispatched_at: isoOrNull(s.dispatchedAt),
      on_scene_at: isoOrNull(s.onSceneAt),
      cleared_at: isoOrNull(s.clearedAt),
      closed_at: isoOrNull(s.closedAt),
      version: s.version,
      updated_at: iso(s.updatedAt),
      imported_at: now,
    };
    if (stored) await trx.updateTable('federation_incidents').set(row).where('id', '=', s.id).execute();
    else await trx.insertInto('federation_incidents').values(row).execute();
    await recordChange(trx, FEDERATION_ACTOR, 'federated_incident', s.id, 'import', { node, code: s.code, status: s.status, version: s.version });
  }

  /** A node's figures for a day replace its earlier ones, unless these were computed before those. */
  private async indicators(trx: Kysely<Database>, node: string, b: IndicatorsBody): Promise<void> {
    const computedAt = iso(b.computedAt);
    const stored = await trx.selectFrom('federation_indicators').select('computed_at').where('node', '=', node).where('day', '=', b.day).executeTakeFirst();
    if (stored && stored.computed_at > computedAt) return;
    await trx.deleteFrom('federation_indicators').where('node', '=', node).where('day', '=', b.day).execute();
    const rows = b.indicators.flatMap((i) => i.rows.map((r) => ({ node, day: b.day, name: i.name, dims: canonicalDims(r.dims), unit: i.unit, value: r.value, computed_at: computedAt })));
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('federation_indicators').values(rows.slice(i, i + 200)).execute();
    await recordChange(trx, FEDERATION_ACTOR, 'federation_indicators', `${node}:${b.day}`, 'import', { node, day: b.day, figures: rows.length });
  }

  /**
   * Records a bulletin crossing nodes; one addressed to this node is delivered into its own
   * bulletins, from the sender named as an outsider, to the agencies it names that exist here
   * (or the coordination centres when it names none of them), and is read under the bulletin rule.
   */
  private async bulletin(trx: Kysely<Database>, origin: string, to: string, b: BulletinBody, now: string): Promise<boolean> {
    const stored = await trx.selectFrom('federation_bulletins').selectAll().where('id', '=', b.id).executeTakeFirst();
    if (stored && stored.origin !== origin) return false;
    const targets = mergeTargets(stored ? (JSON.parse(stored.targets) as BulletinBody['targets']) : [], b.targets);
    const record = {
      code: b.code,
      kind: b.kind,
      title: b.title,
      classification: b.classification,
      status: stored?.status === 'withdrawn' ? 'withdrawn' : b.status,
      sender_agency_id: b.sender.agencyId,
      sender_agency_name: b.sender.agencyName,
      author_name: b.sender.authorName,
      created_at: iso(b.createdAt),
      valid_until: iso(b.validUntil),
      targets: JSON.stringify(targets),
      updated_at: now,
    };
    if (stored) await trx.updateTable('federation_bulletins').set(record).where('id', '=', b.id).execute();
    else await trx.insertInto('federation_bulletins').values({ id: b.id, origin, local_id: null, ...record }).execute();
    const nodeName = (await trx.selectFrom('federation_nodes').select('name').where('code', '=', origin).executeTakeFirst())?.name ?? origin;
    this.deps.names.note(origin, nodeName, b.sender.agencyId, b.sender.agencyName);
    await recordChange(trx, FEDERATION_ACTOR, 'federated_bulletin', b.id, stored ? 'update' : 'import', { origin, code: b.code, status: b.status, to });
    if (to !== this.me || origin === this.me) return false;

    const localId = stored?.local_id ?? null;
    if (localId) {
      const local = await trx.selectFrom('bulletins').selectAll().where('id', '=', localId).executeTakeFirst();
      if (local && local.status === 'published' && b.status === 'withdrawn') {
        await trx.updateTable('bulletins').set({ status: 'withdrawn', updated_at: now, version: local.version + 1 }).where('id', '=', localId).execute();
        await recordChange(trx, FEDERATION_ACTOR, 'bulletin', localId, 'withdraw', { reason: `withdrawn by ${nodeName}`, origin, originId: b.id });
        await this.deps.sharing.announce(trx, { ...local, status: 'withdrawn' }, [], 'bulletin.withdrawn');
        return true;
      }
      return false;
    }
    const mine = targets.find((t) => t.node === this.me)?.agencies ?? [];
    const named = mine.filter((id) => this.deps.org.findAgency(id) && !isPlatformAgency(id));
    const recipients = [...new Set(named.length ? named : this.deps.org.centres().map((a) => a.id))].sort();
    const id = crypto.randomUUID();
    const day = departmentDay(Date.parse(now));
    const n = await nextNumber(trx, `bulletin:${day}`);
    const row: BulletinRow = {
      id,
      code: `TB${day}-${String(n).padStart(4, '0')}`,
      kind: b.kind,
      title: b.title,
      body: `${b.body}\n\n来源 Source：${nodeName} ${b.sender.agencyName}（${b.code}）`.slice(0, 20_000),
      instruction: b.instruction,
      classification: b.classification,
      class_rank: CLASS_RANK[b.classification],
      status: b.status,
      sender_agency_id: outsiderId(origin, b.sender.agencyId),
      created_by: `${b.sender.authorName}（${nodeName}）`,
      created_at: now,
      valid_from: iso(b.validFrom),
      valid_until: iso(b.validUntil),
      urgency: b.urgency,
      severity: b.severity,
      certainty: b.certainty,
      distribution: JSON.stringify({ agencies: recipients, areas: [], roles: [], areaDescriptions: [] }),
      roles: '',
      source: 'federation',
      cap_sender: null,
      cap_identifier: null,
      cap_sent: null,
      updated_at: now,
      version: 1,
    };
    await this.deps.sharing.insert(trx, row, recipients);
    await trx.updateTable('federation_bulletins').set({ local_id: id }).where('id', '=', b.id).execute();
    await recordChange(trx, FEDERATION_ACTOR, 'bulletin', id, 'import_federation', { code: row.code, origin, originId: b.id, originCode: b.code, recipients });
    if (b.status === 'published') await this.deps.sharing.announce(trx, row, recipients, 'bulletin.published');
    return b.status === 'published';
  }

  private async receipt(trx: Kysely<Database>, node: string, r: ReceiptBody, now: string): Promise<void> {
    const key = { bulletin_id: r.bulletinId, node, agency_id: r.agencyId };
    const stored = await trx.selectFrom('federation_receipts').select('acknowledged_at').where('bulletin_id', '=', key.bulletin_id).where('node', '=', node).where('agency_id', '=', key.agency_id).executeTakeFirst();
    if (stored) return;
    await trx.insertInto('federation_receipts').values({ ...key, agency_name: r.agencyName, acknowledged_at: iso(r.acknowledgedAt), acknowledged_by_name: r.acknowledgedByName, received_at: now }).execute();
    await recordChange(trx, FEDERATION_ACTOR, 'federated_bulletin', r.bulletinId, 'receipt', { node, agencyId: r.agencyId, acknowledgedAt: r.acknowledgedAt });
  }
}

export function newNode(code: string, role: string, name: string, configured: boolean, seen: { last_message_at?: string; last_message_type?: string; messages?: number } = {}) {
  return {
    code,
    role,
    name,
    configured: configured ? 1 : 0,
    last_message_at: seen.last_message_at ?? null,
    last_message_type: seen.last_message_type ?? null,
    messages: seen.messages ?? 0,
    link_state: 'unknown',
    link_lag: null,
    link_active_ms: null,
    link_error: null,
    link_since: null,
    link_checked_at: null,
  };
}

/** The union of the addressees two messages of one bulletin name (each message lists them all). */
export function mergeTargets(a: BulletinBody['targets'], b: BulletinBody['targets']): BulletinBody['targets'] {
  const by = new Map<string, Set<string>>();
  for (const t of [...a, ...b]) by.set(t.node, new Set([...(by.get(t.node) ?? []), ...t.agencies]));
  return [...by].map(([node, agencies]) => ({ node, agencies: [...agencies].sort() })).sort((x, y) => x.node.localeCompare(y.node));
}

function iso(t: string): string {
  return new Date(t).toISOString();
}

function isoOrNull(t: string | null): string | null {
  return t === null ? null : iso(t);
}
