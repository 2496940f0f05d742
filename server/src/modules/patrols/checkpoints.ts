import crypto from 'node:crypto';
import type { Checkpoint, CheckpointInput, CheckpointPlace } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, validationError, said, fieldError } from '../../platform/http/errors.js';
import { canManageFor } from '../../platform/policies.js';
import type { CheckpointsTable } from './tables.js';
import { CHECKPOINT_READ, checkpointRelations, filters, readableOr404, scoped, scopes } from './access.js';
import { checkpointToken, normaliseTag, typedCode } from './checkpoint-code.js';
import { checkpointLabelSvg } from './checkpoint-label.js';
import { placeCheckpoint } from './place.js';
import { isUniqueViolation } from './idempotency.js';
import { flag, parseJson, type PatrolContext } from './context.js';

/** Checkpoints (巡防点) and sentinel posts (看护点): where they are, their radius, their printed code or NFC tag. */
export class CheckpointService {
  constructor(private readonly ctx: PatrolContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async list(actor: Actor, filter: { agencyId?: string; lineId?: string } = {}): Promise<Checkpoint[]> {
    let q = this.db.selectFrom('checkpoints').selectAll().orderBy('line_id').orderBy('measure_m').orderBy('name');
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    if (filter.lineId) q = q.where('line_id', '=', filter.lineId);
    return (await scoped(q, scopes.checkpoint(actor), filters.checkpoint).execute()).map((r) => this.present(r));
  }

  async row(actor: Actor, id: string): Promise<CheckpointsTable> {
    const row = await this.db.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirst();
    return readableOr404(row, 'checkpoint', actor, CHECKPOINT_READ, (c) => checkpointRelations(this.db, actor, c));
  }

  async get(actor: Actor, id: string): Promise<Checkpoint> {
    return this.present(await this.row(actor, id));
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.row(actor, id).then(
      () => true,
      () => false,
    );
  }

  async save(actor: Actor, id: string | null, input: CheckpointInput): Promise<Checkpoint> {
    if (!this.ctx.org.findAgency(input.agencyId)) throw validationError([fieldError('body.agencyId', `单位「${input.agencyId}」不存在`, `unknown agency "${input.agencyId}"`)]);
    if (!canManageFor(actor, input.agencyId)) throw forbidden(said('只有本单位的指挥长、民警、联络员，协调中心和管理员可以设置巡防点', 'only the agency’s commanders, officers and liaisons, the centre and administrators set up its checkpoints'));
    const existing = id ? await this.db.selectFrom('checkpoints').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (existing && !canManageFor(actor, existing.agency_id)) throw forbidden(said('该巡防点属于其他单位', 'the checkpoint belongs to another agency'));
    const placed = placeCheckpoint(this.ctx.network.current(), input.place);
    const now = nowIso();
    const cpId = id ?? crypto.randomUUID();
    const row = {
      agency_id: input.agencyId,
      name: input.name,
      kind: input.kind,
      place: JSON.stringify(input.place),
      lon: placed.coordinates[0],
      lat: placed.coordinates[1],
      line_id: placed.lineId,
      mileage: placed.mileage,
      measure_m: placed.measureM,
      section_id: placed.sectionId,
      station_id: placed.stationId,
      radius_m: input.radiusM,
      nfc_tag_id: input.nfcTagId === null ? null : normaliseTag(input.nfcTagId),
      active: flag(input.active),
      note: input.note,
      updated_at: now,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        if (existing) await trx.updateTable('checkpoints').set(row).where('id', '=', cpId).execute();
        else await trx.insertInto('checkpoints').values({ id: cpId, ...row, code_version: 1, created_at: now }).execute();
        await recordChange(trx, actor, 'checkpoint', cpId, existing ? 'update' : 'create', { agencyId: input.agencyId, name: input.name, place: input.place, radiusM: input.radiusM, nfc: input.nfcTagId !== null, active: input.active });
      });
    } catch (e) {
      if (isUniqueViolation(e) && input.nfcTagId !== null) throw validationError([fieldError('body.nfcTagId', '此标签已登记在另一个巡防点', 'this tag is registered at another checkpoint')]);
      throw e;
    }
    return this.get(actor, cpId);
  }

  /** The label to print: QR code (SVG), its token and the code to type. Readers of the checkpoint may print it. */
  async code(actor: Actor, id: string, lang: 'zh-CN' | 'en') {
    const cp = await this.row(actor, id);
    const token = checkpointToken(this.ctx.key, cp.id, cp.code_version);
    const typed = typedCode(this.ctx.key, cp.id, cp.code_version);
    return { checkpointId: cp.id, version: cp.code_version, token, typedCode: typed, svg: await checkpointLabelSvg(token, typed, cp.name, cp.code_version, lang) };
  }

  /** A new code version: every label printed before no longer checks in (lost, copied or photographed). */
  async rotateCode(actor: Actor, id: string, lang: 'zh-CN' | 'en') {
    const cp = await this.row(actor, id);
    if (!canManageFor(actor, cp.agency_id)) throw forbidden(said('只有巡防点所属单位、协调中心和管理员可以更换点位码', 'only the checkpoint’s agency, the centre and administrators replace its code'));
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('checkpoints').set({ code_version: cp.code_version + 1, updated_at: nowIso() }).where('id', '=', id).where('code_version', '=', cp.code_version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('changed_meanwhile', said('点位码已被他人更换', 'the code was replaced by someone else meanwhile'));
      await recordChange(trx, actor, 'checkpoint', id, 'rotate_code', { from: cp.code_version, to: cp.code_version + 1 });
    });
    return this.code(actor, id, lang);
  }

  present(r: CheckpointsTable): Checkpoint {
    return {
      id: r.id,
      agencyId: r.agency_id,
      agencyName: this.ctx.org.agencyName(r.agency_id),
      name: r.name,
      kind: r.kind as Checkpoint['kind'],
      place: parseJson<CheckpointPlace>(r.place),
      coordinates: [r.lon, r.lat],
      lineId: r.line_id,
      mileage: r.mileage,
      sectionId: r.section_id,
      stationId: r.station_id,
      radiusM: r.radius_m,
      nfcTagId: r.nfc_tag_id,
      codeVersion: r.code_version,
      active: r.active === 1,
      note: r.note,
      updatedAt: r.updated_at,
    };
  }
}
