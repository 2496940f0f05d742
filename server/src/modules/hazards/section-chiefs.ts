import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AgencyType, PositionResponse, SectionChief, SectionChiefImportResult, SectionChiefInput } from '@railjoint/contracts';
import { SectionChiefInput as InputSchema } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { PersonalData } from '../../platform/crypto/personal-data.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, fieldErrors, forbidden, notFound, said, saidOf, unprocessable, validationError, type FieldError, type Said } from '../../platform/http/errors.js';
import { centreRelation } from '../../platform/policies/incidents.js';
import { parseCsv } from '../trains/gtfs-csv.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { SectionChiefsTable } from './tables.js';
import { overlaps } from './model.js';

type PositionChain = NonNullable<PositionResponse['candidates'][number]['chain']>;

/** The railway side of a stretch: a railway police station or department, a station, a maintenance or power section. */
export const RAILWAY_CHIEF_TYPES: readonly AgencyType[] = ['railway_police_station', 'railway_police_department', 'railway_station', 'track_maintenance_section', 'power_supply_section'];
/** The local side: a county (or district) or a township (or street). */
export const LOCAL_CHIEF_TYPES: readonly AgencyType[] = ['county_police_bureau', 'township'];

export const CSV_COLUMNS = ['lineId', 'from', 'to', 'railwayAgencyId', 'railwayChief', 'railwayPhone', 'localAgencyId', 'localChief', 'localPhone', 'note'] as const;

/** A refused row or field of an assignment, by the file's line (0 for a single edit). */
export interface RowProblem {
  line: number;
  field: string;
  message: Said;
}

interface Placed {
  input: SectionChiefInput;
  fromM: number;
  toM: number;
}

/**
 * The dual section chief system (双段长制): for each stretch of each line, a railway section chief
 * and a local one, with their agencies and phones. Stretches of a line never overlap. Ranges are
 * given in mileage and kept as measures along the line: where a long chain repeats a mileage the
 * first stretch is meant (as for maintenance windows), and the end is the first place of its
 * mileage after the start. The phones are personal data, sealed at rest.
 */
export class SectionChiefService {
  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    private readonly personal: PersonalData,
  ) {}

  /** Administrators and the centre's dispatchers and commanders keep the assignment. */
  canManage(actor: Actor): boolean {
    if (actor.roles.includes('admin')) return true;
    return centreRelation(actor).length > 0 && actor.roles.some((r) => r === 'dispatcher' || r === 'commander');
  }

  private guard(actor: Actor): void {
    if (!this.canManage(actor)) throw forbidden(said('双段长分工由协调中心调度员、指挥长或管理员维护', 'section chiefs are kept by the centre’s dispatchers and commanders, or administrators'));
  }

  /** Checks one assignment against the network and the organisation; every problem named by field. */
  place(input: SectionChiefInput, line: number, prefix: (field: string) => string): { placed: Placed | null; problems: RowProblem[] } {
    const problems: RowProblem[] = [];
    const bad = (field: string, zh: string, en: string) => problems.push({ line, field: prefix(field), message: said(zh, en) });
    const model = this.network.current();
    const lineEntry = model.line(input.lineId);
    if (!lineEntry) bad('lineId', `线路「${input.lineId}」不存在`, `unknown line "${input.lineId}"`);
    for (const [side, types] of [['railway', RAILWAY_CHIEF_TYPES], ['local', LOCAL_CHIEF_TYPES]] as const) {
      const id = input[side].agencyId;
      const agency = this.org.findAgency(id);
      if (!agency) bad(`${side}.agencyId`, `单位「${id}」不存在`, `unknown agency "${id}"`);
      else if (!types.includes(agency.type)) {
        if (side === 'railway') bad(`${side}.agencyId`, `「${agency.name}」不是铁路方单位（派出所、车站、工务段或供电段）`, `"${agency.name}" is not a railway agency (police station, station, maintenance or power section)`);
        else bad(`${side}.agencyId`, `「${agency.name}」不是县（区）或乡镇（街道）`, `"${agency.name}" is not a county or township`);
      }
    }
    if (!lineEntry) return { placed: null, problems };
    const measures = (text: string, field: string): number[] => {
      try {
        return model.position(input.lineId, text).candidates.map((c) => c.measureM);
      } catch (e) {
        problems.push({ line, field: prefix(field), message: saidOf(e) });
        return [];
      }
    };
    const from = measures(input.from, 'from');
    const to = measures(input.to, 'to');
    if (!from.length || !to.length) return { placed: null, problems };
    const fromM = from[0]!;
    const toM = to.find((m) => m > fromM);
    if (toM === undefined) {
      bad('to', `终点里程 ${input.to} 须在起点 ${input.from} 之后`, `the end ${input.to} must lie after the start ${input.from}`);
      return { placed: null, problems };
    }
    return { placed: problems.length ? null : { input, fromM, toM }, problems };
  }

  private row(p: Placed, actor: Actor, id: string = crypto.randomUUID()): SectionChiefsTable {
    const seal = (v: string | null | undefined) => (v ? this.personal.seal(v) : null);
    const { input } = p;
    return {
      id,
      line_id: input.lineId,
      from_mileage: input.from,
      to_mileage: input.to,
      from_m: p.fromM,
      to_m: p.toM,
      railway_agency_id: input.railway.agencyId,
      railway_chief: input.railway.name,
      railway_phone: seal(input.railway.phone),
      local_agency_id: input.local.agencyId,
      local_chief: input.local.name,
      local_phone: seal(input.local.phone),
      note: input.note ?? null,
      updated_at: nowIso(),
      updated_by: actor.username,
    };
  }

  /**
   * A CSV of assignments (columns CSV_COLUMNS, a header first): every line it names is replaced
   * by its rows, all or nothing. Every refused row is named by its line in the file and its column;
   * stretches of one line that overlap are refused.
   */
  async importCsv(actor: Actor, text: string): Promise<SectionChiefImportResult> {
    this.guard(actor);
    const { table, problems: csvProblems } = parseCsv('section-chiefs.csv', text);
    const problems: RowProblem[] = csvProblems.map((p) => ({ line: p.line ?? 0, field: 'file', message: said(p.message, p.message) }));
    for (const c of ['lineId', 'from', 'to', 'railwayAgencyId', 'railwayChief', 'localAgencyId', 'localChief']) {
      if (!table.has(c)) problems.push({ line: 1, field: c, message: said(`缺少列「${c}」`, `the column "${c}" is missing`) });
    }
    if (!problems.length && !table.rows.length) problems.push({ line: 2, field: 'file', message: said('文件中没有任何分工', 'the file holds no assignment') });
    const placed: Array<Placed & { line: number }> = [];
    if (!problems.length) {
      for (const r of table.rows) {
        const raw = {
          lineId: r.get('lineId'),
          from: r.get('from'),
          to: r.get('to'),
          railway: { agencyId: r.get('railwayAgencyId'), name: r.get('railwayChief'), phone: r.get('railwayPhone') || null },
          local: { agencyId: r.get('localAgencyId'), name: r.get('localChief'), phone: r.get('localPhone') || null },
          note: r.get('note') || null,
        };
        const parsed = InputSchema.safeParse(raw);
        const column = (path: string) => path.replace('railway.agencyId', 'railwayAgencyId').replace('railway.name', 'railwayChief').replace('railway.phone', 'railwayPhone').replace('local.agencyId', 'localAgencyId').replace('local.name', 'localChief').replace('local.phone', 'localPhone');
        if (!parsed.success) {
          for (const f of fieldErrors(parsed.error, '')) problems.push({ line: r.line, field: column(f.field.replace(/^\./, '')), message: f.message });
          continue;
        }
        const checked = this.place(parsed.data, r.line, column);
        problems.push(...checked.problems);
        if (checked.placed) placed.push({ ...checked.placed, line: r.line });
      }
      // stretches of one line in the file must not overlap
      const byLine = new Map<string, Array<Placed & { line: number }>>();
      for (const p of placed) byLine.set(p.input.lineId, [...(byLine.get(p.input.lineId) ?? []), p]);
      for (const rows of byLine.values()) {
        const sorted = [...rows].sort((a, b) => a.fromM - b.fromM);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1]!;
          const b = sorted[i]!;
          if (overlaps(a, b)) problems.push({ line: b.line, field: 'from', message: said(`与第 ${a.line} 行的区段（${a.input.from}–${a.input.to}）重叠`, `overlaps the stretch of line ${a.line} (${a.input.from}–${a.input.to})`) });
        }
      }
    }
    if (problems.length) {
      problems.sort((a, b) => a.line - b.line);
      throw unprocessable('invalid_import', said(`文件中有 ${problems.length} 处问题，未导入任何内容`, `${problems.length} problem(s) in the file; nothing was imported`), { errors: problems });
    }
    const lines = [...new Set(placed.map((p) => p.input.lineId))].sort();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('section_chiefs').where('line_id', 'in', lines).execute();
      const rows = placed.map((p) => this.row(p, actor));
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('section_chiefs').values(rows.slice(i, i + 200)).execute();
      await recordChange(trx, actor, 'section_chiefs', lines.join(','), 'import', { lines, rows: rows.length });
    });
    return { written: placed.length, lines };
  }

  private async checkOne(input: SectionChiefInput, except: string | null, trx: Kysely<Database>): Promise<Placed> {
    const { placed, problems } = this.place(input, 0, (f) => `body.${f}`);
    if (!placed) throw validationError(problems.map((p): FieldError => ({ field: p.field, message: p.message })));
    const others = await trx.selectFrom('section_chiefs').select(['id', 'from_m', 'to_m', 'from_mileage', 'to_mileage']).where('line_id', '=', input.lineId).execute();
    const hit = others.find((o) => o.id !== except && overlaps(placed, { fromM: o.from_m, toM: o.to_m }));
    if (hit) throw conflict('overlap', said(`与已有区段 ${hit.from_mileage}–${hit.to_mileage} 重叠`, `overlaps the stretch ${hit.from_mileage}–${hit.to_mileage}`), { assignmentId: hit.id });
    return placed;
  }

  async create(actor: Actor, input: SectionChiefInput): Promise<SectionChief> {
    this.guard(actor);
    const row = await this.db.kysely.transaction().execute(async (trx) => {
      const r = this.row(await this.checkOne(input, null, trx), actor);
      await trx.insertInto('section_chiefs').values(r).execute();
      await recordChange(trx, actor, 'section_chief', r.id, 'create', this.changeDetail(r));
      return r;
    });
    return this.present(row);
  }

  async update(actor: Actor, id: string, input: SectionChiefInput): Promise<SectionChief> {
    this.guard(actor);
    const row = await this.db.kysely.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('section_chiefs').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('section chief assignment');
      const r = this.row(await this.checkOne(input, id, trx), actor, id);
      await trx.updateTable('section_chiefs').set(r).where('id', '=', id).execute();
      // the change log says which fields changed, never the phones themselves
      const changed = Object.keys(this.changeDetail(r)).filter((k) => JSON.stringify((this.changeDetail(before) as Record<string, unknown>)[k]) !== JSON.stringify((this.changeDetail(r) as Record<string, unknown>)[k]));
      if (input.railway.phone !== this.open(before.railway_phone)) changed.push('railwayPhone');
      if (input.local.phone !== this.open(before.local_phone)) changed.push('localPhone');
      await recordChange(trx, actor, 'section_chief', id, 'update', { ...this.changeDetail(r), changed });
      return r;
    });
    return this.present(row);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    this.guard(actor);
    await this.db.kysely.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('section_chiefs').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('section chief assignment');
      await trx.deleteFrom('section_chiefs').where('id', '=', id).execute();
      await recordChange(trx, actor, 'section_chief', id, 'delete', this.changeDetail(before));
    });
  }

  private changeDetail(r: SectionChiefsTable) {
    return { line: r.line_id, from: r.from_mileage, to: r.to_mileage, railwayAgencyId: r.railway_agency_id, railwayChief: r.railway_chief, localAgencyId: r.local_agency_id, localChief: r.local_chief, note: r.note };
  }

  async list(q: { lineId?: string; agencyId?: string }): Promise<SectionChief[]> {
    let s = this.db.kysely.selectFrom('section_chiefs').selectAll().orderBy('line_id').orderBy('from_m');
    if (q.lineId) s = s.where('line_id', '=', q.lineId);
    if (q.agencyId) {
      const a = q.agencyId;
      s = s.where((eb) => eb.or([eb('railway_agency_id', '=', a), eb('local_agency_id', '=', a)]));
    }
    return (await s.execute()).map((r) => this.present(r));
  }

  async get(id: string): Promise<SectionChief> {
    const r = await this.db.kysely.selectFrom('section_chiefs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('section chief assignment');
    return this.present(r);
  }

  /** The assignment covering a measure of a line (the first, should two touch there), or null. */
  async at(db: Kysely<Database>, lineId: string, measureM: number): Promise<SectionChiefsTable | null> {
    return (await db.selectFrom('section_chiefs').selectAll().where('line_id', '=', lineId).where('from_m', '<=', measureM).where('to_m', '>=', measureM).orderBy('from_m').executeTakeFirst()) ?? null;
  }

  /** Both owners of a place given as line and mileage. */
  async lookup(lineId: string, mileage: string): Promise<{ lineId: string; mileage: string; measureM: number; chain: PositionChain | null; assignment: SectionChief | null }> {
    let pos;
    try {
      pos = this.network.current().position(lineId, mileage);
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw validationError([{ field: code === 'unknown_line' ? 'query.lineId' : 'query.mileage', message: saidOf(e) }]);
    }
    const c = pos.candidates[0]!;
    const row = await this.at(this.db.kysely, lineId, c.measureM);
    return { lineId, mileage: pos.mileage, measureM: c.measureM, chain: c.chain ?? null, assignment: row ? this.present(row) : null };
  }

  private open(v: string | null): string | null {
    return v === null ? null : this.personal.read(v);
  }

  present(r: SectionChiefsTable): SectionChief {
    return {
      id: r.id,
      lineId: r.line_id,
      lineName: this.network.current().line(r.line_id)?.name ?? r.line_id,
      from: r.from_mileage,
      to: r.to_mileage,
      fromMeasureM: r.from_m,
      toMeasureM: r.to_m,
      railway: { agencyId: r.railway_agency_id, agencyName: this.org.agencyName(r.railway_agency_id), name: r.railway_chief, phone: this.open(r.railway_phone) },
      local: { agencyId: r.local_agency_id, agencyName: this.org.agencyName(r.local_agency_id), name: r.local_chief, phone: this.open(r.local_phone) },
      note: r.note,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    };
  }
}
