import type { PostCandidate, PostCandidateInput } from '@railjoint/contracts';
import type { Db } from '../../../platform/db/database.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { authorize } from '../../../platform/policies/actions.js';
import { recordChange } from '../../../platform/change-log.js';
import { nowIso } from '../../../platform/clock.js';
import { mayPlacePostsFor } from '../../../platform/policies/allocation.js';
import { fieldError, forbidden, HttpError, said, validationError } from '../../../platform/http/errors.js';
import type { NetworkService } from '../../network/service.js';
import { NetworkError } from '../../network/network-error.js';
import type { OrganisationService } from '../../organisation/service.js';

/**
 * Places analysts add to the candidate posts: stored, listed, removed. Planning is the planners'
 * (`allocation.plan`); a place binds the agency that would staff it, so outside the centre a
 * planner adds and removes places for their own agency only.
 */
export class PostCandidateService {
  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly organisation: OrganisationService,
  ) {}

  async list(actor: Actor): Promise<PostCandidate[]> {
    authorize(actor, 'allocation.plan');
    return this.all();
  }

  /** Every stored place, for the plan (whoever asks for the plan has been authorised already). */
  async all(): Promise<PostCandidate[]> {
    const rows = await this.db.kysely.selectFrom('post_candidates').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      agencyId: r.agency_id,
      agencyName: this.organisation.agencyName(r.agency_id),
      coordinates: [Number(r.lon), Number(r.lat)],
      lineId: r.line_id,
      mileage: r.mileage,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  async add(actor: Actor, input: PostCandidateInput): Promise<PostCandidate> {
    authorize(actor, 'allocation.plan');
    const agency = this.organisation.findAgency(input.agencyId);
    if (!agency) throw validationError([fieldError('body.agencyId', `未知单位“${input.agencyId}”`, `unknown agency "${input.agencyId}"`)]);
    this.mayPlanFor(actor, agency.id);
    const coordinates = input.coordinates ?? this.onLine(input.lineId!, input.mileage!);
    const row = {
      id: crypto.randomUUID(),
      name: input.name,
      agency_id: agency.id,
      lon: coordinates[0],
      lat: coordinates[1],
      line_id: input.coordinates ? null : input.lineId!,
      mileage: input.coordinates ? null : input.mileage!,
      created_by: actor.userId,
      created_at: nowIso(),
    };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('post_candidates').values(row).execute();
      await recordChange(trx, actor, 'post_candidate', row.id, 'create', { name: row.name, agencyId: row.agency_id, coordinates, lineId: row.line_id, mileage: row.mileage });
    });
    return { id: row.id, name: row.name, agencyId: row.agency_id, agencyName: agency.name, coordinates, lineId: row.line_id, mileage: row.mileage, createdBy: row.created_by, createdAt: row.created_at };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    authorize(actor, 'allocation.plan');
    const row = await this.db.kysely.selectFrom('post_candidates').select(['id', 'agency_id', 'name']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new HttpError(404, 'not_found', said('候选岗位不存在', 'candidate post not found'));
    this.mayPlanFor(actor, row.agency_id);
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('post_candidates').where('id', '=', id).execute();
      await recordChange(trx, actor, 'post_candidate', id, 'delete', { name: row.name, agencyId: row.agency_id });
    });
  }

  private mayPlanFor(actor: Actor, agencyId: string): void {
    if (mayPlacePostsFor(actor, agencyId)) return;
    throw forbidden(said('只能为本单位添加或删除候选岗位', 'you may add or remove candidate posts for your own agency only'));
  }

  private onLine(lineId: string, mileage: string): [number, number] {
    const net = this.network.current();
    if (!net.line(lineId)) throw validationError([fieldError('body.lineId', `未知线路“${lineId}”`, `unknown line "${lineId}"`)]);
    try {
      const c = net.position(lineId, mileage).candidates[0]!;
      return [c.coordinates[0], c.coordinates[1]];
    } catch (e) {
      if (e instanceof NetworkError) throw validationError([fieldError('body.mileage', e.said.zh, e.said.en)]);
      throw e;
    }
  }
}
