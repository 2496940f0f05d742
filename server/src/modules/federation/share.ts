import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ResolveResult } from '@railjoint/contracts';
import type { Database, IncidentsTable } from '../../platform/db/schema.js';
import type { DomainEvent } from '../../platform/bus/event.js';
import type { FederationLink } from '../../platform/federation/link.js';
import type { MessageType } from '../../platform/federation/names.js';
import { departmentDay, nowIso } from '../../platform/clock.js';
import type { OrganisationService } from '../organisation/service.js';
import { isPlatformAgency } from '../organisation/platform.js';
import { displayNames } from '../users/display-names.js';
import type { BulletinBody, IncidentSummary, NodeInfo } from './messages.js';
import type { IndicatorRegistry } from './indicators.js';
import { getState, setState } from './state.js';

const BATCH = 200;
const MAX_BATCHES = 25;

export function shortHash(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/**
 * What this node shares, published into its own stream. It reads the platform's outbox past a
 * cursor of its own, as the webhook fan-out and the alert engine do: an event is in the outbox
 * exactly when its change committed, so nothing is shared that did not commit, and the cursor
 * moves only after every message of a batch was acknowledged by this node's JetStream, so
 * nothing committed is lost — a round cut short is published again under the same message ids,
 * which JetStream and every importer drop. Runs as a periodic job on one instance.
 */
export class FederationSharer {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly link: FederationLink,
    private readonly org: OrganisationService,
    private readonly indicators: IndicatorRegistry,
  ) {}

  private get me(): string {
    return this.link.config.code;
  }

  private async send(to: string, type: MessageType, id: string, body: unknown): Promise<void> {
    const envelope = { v: 1, id, type, from: this.me, to, at: nowIso(), body };
    await this.link.publish(to, type, new TextEncoder().encode(JSON.stringify(envelope)), id);
  }

  async round(): Promise<number> {
    await this.link.ready();
    let sent = await this.announce();
    for (let i = 0; i < MAX_BATCHES; i++) {
      const { read, published } = await this.batch();
      sent += published;
      if (read < BATCH) break;
    }
    return sent;
  }

  /** This node's own agencies, as other nodes may address and name them. */
  self(): NodeInfo {
    const c = this.link.config;
    return {
      code: c.code,
      name: c.name,
      role: c.role,
      agencies: this.org
        .agencies()
        .filter((a) => !isPlatformAgency(a.id))
        .map((a) => ({ id: a.id, name: a.name, type: a.type }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  /**
   * A department tells the bureau who it is and which agencies it has; the bureau tells every
   * department the whole directory, so departments can address each other. Sent when it changes.
   */
  private async announce(): Promise<number> {
    const c = this.link.config;
    if (c.role === 'department') {
      const info = this.self();
      const hash = shortHash(info);
      if ((await getState(this.db, 'node_hash')) === hash) return 0;
      await this.send(c.bureau!.code, 'node', `${this.me}.node.${hash}`, info);
      await setState(this.db, 'node_hash', hash);
      return 1;
    }
    const nodes = await this.db.selectFrom('federation_nodes').select(['code', 'name', 'role']).where('role', '=', 'department').orderBy('code').execute();
    const agencies = await this.db.selectFrom('federation_agencies').selectAll().orderBy('node').orderBy('agency_id').execute();
    const directory = {
      nodes: [
        this.self(),
        ...nodes.map((n) => ({ code: n.code, name: n.name, role: 'department' as const, agencies: agencies.filter((a) => a.node === n.code).map((a) => ({ id: a.agency_id, name: a.name, type: a.type })) })),
      ],
    };
    const hash = shortHash(directory);
    if ((await getState(this.db, 'directory_hash')) === hash) return 0;
    for (const d of c.departments) await this.send(d.code, 'directory', `${this.me}.directory.${d.code}.${hash}`, directory);
    await setState(this.db, 'directory_hash', hash);
    return c.departments.length;
  }

  private async batch(): Promise<{ read: number; published: number }> {
    const after = Number((await getState(this.db, 'outbox_cursor')) ?? 0);
    const rows = await this.db.selectFrom('outbox').select(['id', 'body']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) return { read: 0, published: 0 };
    const incidents = new Set<string>();
    const bulletins = new Set<string>();
    const acks: Array<{ id: string; agencyId: string }> = [];
    for (const r of rows) {
      const e = JSON.parse(r.body) as DomainEvent;
      if (e.entity === 'incident') incidents.add(e.entityId);
      if (e.type === 'bulletin.published' || e.type === 'bulletin.withdrawn') bulletins.add(e.entityId);
      const p = (e.payload ?? {}) as { agencyId?: unknown };
      if (e.type === 'bulletin.acknowledged' && typeof p.agencyId === 'string') acks.push({ id: e.entityId, agencyId: p.agencyId });
    }
    let published = 0;
    // only departments report upwards; a bureau's own cases are its own business
    if (this.link.config.role === 'department') published += await this.incidents([...incidents]);
    published += await this.bulletins([...bulletins]);
    published += await this.receipts(acks);
    await setState(this.db, 'outbox_cursor', String(rows[rows.length - 1]!.id));
    return { read: rows.length, published };
  }

  private async incidents(ids: string[]): Promise<number> {
    if (!ids.length) return 0;
    const bureau = this.link.config.bureau!.code;
    const rows = await this.db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute();
    const days = new Set<string>();
    for (const r of rows) {
      const summary = this.summary(r);
      await this.send(bureau, 'incident', `${this.me}.incident.${r.id}.${r.version}.${shortHash(summary)}`, summary);
      days.add(departmentDay(Date.parse(r.received_at)));
    }
    for (const day of [...days].sort()) {
      const indicators = await this.indicators.compute(this.db, day);
      const hash = shortHash({ day, indicators });
      await this.send(bureau, 'indicators', `${this.me}.indicators.${day}.${hash}`, { day, computedAt: nowIso(), indicators });
    }
    return rows.length + days.size;
  }

  /** No description, no reporter: what a bureau commander needs to see where and how things stand. */
  private summary(r: Selectable<IncidentsTable>): IncidentSummary {
    const resolution = JSON.parse(r.resolution) as ResolveResult;
    return {
      id: r.id,
      code: r.code,
      categoryId: r.category_id,
      categoryName: resolution.responsibility?.categoryName ?? this.org.categories().find((c) => c.id === r.category_id)?.nameZh ?? r.category_id,
      channel: r.channel,
      status: r.status,
      priority: r.priority,
      responseLevel: r.response_level,
      lineId: r.line_id,
      lineName: resolution.location.line?.lineName ?? null,
      mileage: r.mileage,
      stationName: resolution.location.stationName,
      lon: r.lon,
      lat: r.lat,
      leadAgencyId: r.lead_agency_id,
      leadAgencyName: r.lead_agency_id ? this.org.agencyName(r.lead_agency_id) : null,
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      dispatchedAt: r.dispatched_at,
      onSceneAt: r.on_scene_at,
      clearedAt: r.cleared_at,
      closedAt: r.closed_at,
      version: r.version,
      updatedAt: r.updated_at,
    };
  }

  /** This node's bulletins addressed to other nodes, to each of them, as they stand now (published or withdrawn). */
  private async bulletins(localIds: string[]): Promise<number> {
    if (!localIds.length) return 0;
    const crossing = await this.db.selectFrom('federation_bulletins').selectAll().where('origin', '=', this.me).where('local_id', 'in', localIds).execute();
    let n = 0;
    for (const fb of crossing) {
      const b = await this.db.selectFrom('bulletins').selectAll().where('id', '=', fb.local_id!).executeTakeFirst();
      if (!b) continue;
      const author = await displayNames(this.db, [b.created_by]);
      const targets = JSON.parse(fb.targets) as BulletinBody['targets'];
      const body: BulletinBody = {
        id: fb.id,
        code: b.code,
        kind: b.kind as BulletinBody['kind'],
        title: b.title,
        body: b.body,
        instruction: b.instruction,
        classification: b.classification as BulletinBody['classification'],
        status: b.status as BulletinBody['status'],
        urgency: b.urgency,
        severity: b.severity,
        certainty: b.certainty,
        createdAt: b.created_at,
        validFrom: b.valid_from,
        validUntil: b.valid_until,
        sender: { agencyId: b.sender_agency_id, agencyName: this.org.agencyName(b.sender_agency_id), authorName: author(b.created_by) },
        targets,
      };
      for (const t of targets) {
        await this.send(t.node, 'bulletin', `${this.me}.bulletin.${fb.id}.${t.node}.${b.status}`, body);
        n++;
      }
      if (fb.status !== b.status) await this.db.updateTable('federation_bulletins').set({ status: b.status, updated_at: nowIso() }).where('id', '=', fb.id).execute();
    }
    return n;
  }

  /** An agency here acknowledged a bulletin from another node: the sender hears of it (and the bureau sees it pass). */
  private async receipts(acks: Array<{ id: string; agencyId: string }>): Promise<number> {
    if (!acks.length) return 0;
    const received = await this.db.selectFrom('federation_bulletins').select(['id', 'origin', 'local_id']).where('local_id', 'in', [...new Set(acks.map((a) => a.id))]).where('origin', '!=', this.me).execute();
    let n = 0;
    for (const a of acks) {
      const fb = received.find((r) => r.local_id === a.id);
      if (!fb) continue;
      const rec = await this.db.selectFrom('bulletin_recipients').select(['acknowledged_at', 'acknowledged_by']).where('bulletin_id', '=', a.id).where('agency_id', '=', a.agencyId).executeTakeFirst();
      if (!rec?.acknowledged_at) continue;
      const by = await displayNames(this.db, [rec.acknowledged_by]);
      const body = { bulletinId: fb.id, origin: fb.origin, agencyId: a.agencyId, agencyName: this.org.agencyName(a.agencyId), acknowledgedAt: rec.acknowledged_at, acknowledgedByName: by(rec.acknowledged_by) };
      await this.send(fb.origin, 'receipt', `${this.me}.receipt.${fb.id}.${a.agencyId}`, body);
      n++;
    }
    return n;
  }
}
