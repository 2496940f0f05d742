import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Finding, FindingListItem, FindingRequest } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import { forbidden, HttpError, notFound, validationError, said, fieldError } from '../../platform/http/errors.js';
import { canPatrolFor, scopeOf } from '../../platform/policies.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import type { IncidentService } from '../incidents/service.js';
import type { PatrolFindingsTable } from './tables.js';
import { canRead, FINDING_READ, readableOr404 } from './access.js';
import { onceOnly, type Replayable } from './idempotency.js';
import { cleanPhoto } from './photos.js';
import { beijingMonth, POINT_RULES } from './points.js';
import { presentFinding } from './presenters.js';
import { parseJson, type PatrolContext } from './context.js';
import type { PatrolService } from './patrolling.js';

/** Photos per finding: enough to show the fence and the hole in it. */
export const MAX_FINDING_PHOTOS = 6;

/**
 * What a patrol finds on the way (a broken fence, a person near the track, an object on the
 * line) becomes an incident on the `patrol` channel, so it is located, given its lead agency and
 * checked for duplicates like any report. The finding is stored first (once-only by the phone's
 * id); the incident follows, idempotent by `finding:<id>`, so a crash between the two is repaired
 * by the phone's retry or the sweep, never doubled.
 */
export class FindingService {
  constructor(
    private readonly ctx: PatrolContext,
    private readonly patrols: PatrolService,
    private readonly incidents: IncidentService,
  ) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async file(actor: Actor, patrolId: string, body: FindingRequest): Promise<Replayable> {
    const patrol = await this.patrols.writable(actor, patrolId);
    if (!this.ctx.org.categories().some((c) => c.id === body.category)) throw validationError([fieldError('body.category', '未知的警情类别', 'unknown incident category')]);
    const answer = await onceOnly(this.ctx.db, actor, 'finding', body.id, { patrolId, ...body }, async (trx, receivedAt) => {
      const row: PatrolFindingsTable = {
        id: body.id,
        patrol_id: patrol.id,
        team_id: patrol.team_id,
        agency_id: patrol.agency_id,
        category: body.category,
        description: body.description,
        lon: body.lon,
        lat: body.lat,
        client_at: new Date(body.at).toISOString(),
        received_at: receivedAt,
        incident_id: null,
        by_user: actor.username,
      };
      await trx.insertInto('patrol_findings').values(row).execute();
      await this.creditMembers(trx, patrol.member_ids, patrol.team_id, 'finding_filed', row.id, receivedAt);
      await recordChange(trx, actor, 'finding', row.id, 'file', { patrolId: patrol.id, category: body.category });
      return { status: 201, body: presentFinding(row, [], null) };
    });
    if (answer.status !== 201) return answer;
    // the incident, now or on a retry: an answer replayed from before the incident existed shows it now
    await this.ensureIncident(actor, body.id);
    return { ...answer, body: await this.present(this.db, (await this.db.selectFrom('patrol_findings').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow())) };
  }

  /** Turns a finding into its incident (once: the incident is found again by its external reference). */
  async ensureIncident(actor: Actor, findingId: string): Promise<void> {
    const f = await this.db.selectFrom('patrol_findings').selectAll().where('id', '=', findingId).executeTakeFirst();
    if (!f || f.incident_id !== null) return;
    const { incident } = await this.incidents.create(
      actor,
      { category: f.category, channel: 'patrol', location: { lon: f.lon, lat: f.lat }, description: f.description, occurredAt: f.client_at, externalRef: `finding:${f.id}` },
      'patrol',
    );
    await this.db.transaction().execute(async (trx) => {
      const linked = await trx.updateTable('patrol_findings').set({ incident_id: incident.id }).where('id', '=', f.id).where('incident_id', 'is', null).executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== 1) return;
      await recordChange(trx, actor, 'finding', f.id, 'became_incident', { incidentId: incident.id, code: incident.code });
      // told once it is an incident: whoever the incident concerns may read the finding from then on
      await enqueueEvent(trx, { type: 'patrol.finding', entity: 'finding', entityId: f.id, payload: { id: f.id, patrolId: f.patrol_id, category: f.category, incidentId: incident.id, incidentCode: incident.code } });
    });
    this.ctx.outbox.kick();
  }

  /** For the sweep: findings whose incident was never made (the process stopped in between). */
  async repairUnlinked(actorFor: (username: string) => Promise<Actor | null>): Promise<number> {
    const before = new Date(Date.parse(nowIso()) - 60_000).toISOString();
    const rows = await this.db.selectFrom('patrol_findings').select(['id', 'by_user']).where('incident_id', 'is', null).where('received_at', '<', before).limit(50).execute();
    let linked = 0;
    for (const r of rows) {
      const actor = await actorFor(r.by_user);
      if (!actor) continue;
      await this.ensureIncident(actor, r.id);
      linked++;
    }
    return linked;
  }

  private async creditMembers(trx: Kysely<Database>, memberIdsJson: string, teamId: string, kind: 'finding_filed' | 'finding_useful', findingId: string, at: string): Promise<void> {
    const members = parseJson<string[]>(memberIdsJson);
    if (!members.length) return;
    await trx
      .insertInto('patrol_points')
      .values(members.map((m) => ({ id: `${kind}:${findingId}:${m}`, team_id: teamId, member_id: m, public_report_id: null, kind, points: POINT_RULES[kind], hours: 0, ref_id: findingId, at, month: beijingMonth(Date.parse(at)), credit_key: `${kind}:${findingId}:${m}` })))
      .onConflict((oc) => oc.column('credit_key').doNothing())
      .execute();
  }

  /** Inside the incident's own transaction when it is closed: a finding that led to a closed incident was useful. */
  async onIncidentClosed(trx: Kysely<Database>, incidentId: string, at: string): Promise<void> {
    const findings = await trx.selectFrom('patrol_findings').innerJoin('patrols', 'patrols.id', 'patrol_findings.patrol_id').select(['patrol_findings.id', 'patrols.member_ids', 'patrols.team_id']).where('patrol_findings.incident_id', '=', incidentId).execute();
    for (const f of findings) await this.creditMembers(trx, f.member_ids, f.team_id, 'finding_useful', f.id, at);
  }

  private async row(actor: Actor, id: string): Promise<PatrolFindingsTable> {
    const row = await this.db.selectFrom('patrol_findings').selectAll().where('id', '=', id).executeTakeFirst();
    return readableOr404(row, 'finding', actor, FINDING_READ, (f) => this.relations(actor, f));
  }

  private async relations(actor: Actor, f: PatrolFindingsTable): Promise<Array<'team' | 'incident'>> {
    const out: Array<'team' | 'incident'> = [];
    if (f.agency_id === actor.agencyId) out.push('team');
    if (f.incident_id) {
      const part = await this.db.selectFrom('incident_agencies').select('agency_id').where('incident_id', '=', f.incident_id).where('agency_id', '=', actor.agencyId).executeTakeFirst();
      if (part) out.push('incident');
    }
    return out;
  }

  async get(actor: Actor, id: string): Promise<Finding> {
    return this.present(this.db, await this.row(actor, id));
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    const row = await this.db.selectFrom('patrol_findings').selectAll().where('id', '=', id).executeTakeFirst();
    return !!row && canRead(FINDING_READ, actor, await this.relations(actor, row));
  }

  /**
   * A photo of a finding, sent once per id the phone made for it. Judged by content (JPEG or PNG
   * only), cleaned of location and camera metadata before it is stored.
   */
  async addPhoto(actor: Actor, findingId: string, photoId: string, file: UploadedFile): Promise<Replayable> {
    const f = await this.row(actor, findingId);
    if (!canPatrolFor(actor, f.agency_id)) throw forbidden(said('只有上报该发现的巡防队人员可以添加照片', 'only the finding team’s people add its photos'));
    const accepted = acceptAttachment(file);
    if (accepted.type !== 'image/jpeg' && accepted.type !== 'image/png') throw new HttpError(415, 'forbidden_file_type', said('照片须为 JPEG 或 PNG 格式（按文件内容判断）', 'a photo is a JPEG or PNG (judged by content)'));
    const cleaned = cleanPhoto(file.bytes);
    if (!cleaned.ok) throw new HttpError(415, 'unreadable_photo', said('照片无法完整读取，因而无法清除其中的元数据', 'the photo could not be read to its end, so it cannot be cleaned of its metadata'));
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    return onceOnly(this.ctx.db, actor, 'finding_photo', photoId, { findingId, sha256 }, async (trx, receivedAt) => {
      const count = await trx.selectFrom('finding_photos').select((eb) => eb.fn.countAll().as('n')).where('finding_id', '=', f.id).executeTakeFirst();
      if (Number(count?.n ?? 0) >= MAX_FINDING_PHOTOS) throw new HttpError(422, 'too_many_photos', said(`每条发现至多 ${MAX_FINDING_PHOTOS} 张照片`, `a finding has at most ${MAX_FINDING_PHOTOS} photos`));
      await trx.insertInto('finding_photos').values({ id: photoId, finding_id: f.id, content_type: cleaned.type, size: cleaned.bytes.length, sha256: crypto.createHash('sha256').update(cleaned.bytes).digest('hex'), data: cleaned.bytes, received_at: receivedAt }).execute();
      await recordChange(trx, actor, 'finding', f.id, 'photo', { photoId, size: cleaned.bytes.length, removed: cleaned.removed });
      return { status: 201, body: await this.present(trx, f) };
    });
  }

  async photo(actor: Actor, findingId: string, photoId: string): Promise<{ name: string; contentType: string; data: Buffer }> {
    const f = await this.row(actor, findingId);
    const p = await this.db.selectFrom('finding_photos').selectAll().where('id', '=', photoId).where('finding_id', '=', f.id).executeTakeFirst();
    if (!p) throw notFound('photo');
    return { name: `${photoId}.${p.content_type === 'image/png' ? 'png' : 'jpg'}`, contentType: p.content_type, data: Buffer.from(p.data) };
  }

  private async present(db: Kysely<Database>, f: PatrolFindingsTable): Promise<Finding> {
    const photos = await db.selectFrom('finding_photos').select(['id', 'content_type', 'size', 'received_at']).where('finding_id', '=', f.id).orderBy('received_at').execute();
    const code = f.incident_id ? ((await db.selectFrom('incidents').select('code').where('id', '=', f.incident_id).executeTakeFirst())?.code ?? null) : null;
    return presentFinding(f, photos, code);
  }

  /**
   * The findings a reader may see, newest first, in SQL by the same relations as the read rule
   * (the centre all; otherwise the agency's teams' and those whose incident the agency has a part
   * in), each with the hazard it became — the hazards room lists those still to register.
   */
  async list(actor: Actor, q: { hazard: 'none' | 'any'; limit: number }): Promise<FindingListItem[]> {
    const scope = scopeOf(FINDING_READ, actor, 'team');
    let s = this.db
      .selectFrom('patrol_findings as f')
      .innerJoin('patrol_teams as t', 't.id', 'f.team_id')
      .leftJoin('hazards as h', (j) => j.onRef('h.source_ref', '=', 'f.id').on('h.source_kind', '=', 'patrol_finding'))
      .selectAll('f')
      .select(['h.id as hazard_id', 'h.code as hazard_code', 't.name as team_name'])
      .orderBy('f.received_at', 'desc')
      .orderBy('f.id')
      .limit(q.limit);
    if (!scope.all) {
      const a = scope.agencyId ?? '';
      s = s.where((eb) => eb.or([eb('f.agency_id', '=', a), eb('f.incident_id', 'in', eb.selectFrom('incident_agencies').select('incident_id').where('agency_id', '=', a))]));
    }
    if (q.hazard === 'none') s = s.where('h.id', 'is', null);
    const rows = await s.execute();
    const out: FindingListItem[] = [];
    for (const r of rows) {
      const { hazard_id, hazard_code, team_name, ...f } = r;
      out.push({ ...(await this.present(this.db, f as PatrolFindingsTable)), hazardId: hazard_id ?? null, hazardCode: hazard_code ?? null, teamName: team_name });
    }
    return out;
  }
}
