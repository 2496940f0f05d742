import type {
  Agency,
  AgencyRef,
  Category,
  ImportProblem,
  OrganisationDocument,
  OrgProblem,
  PlaceKind,
  ResolveResult,
  ResponsibilityRule,
} from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { HttpError, notFound, unprocessable, said, fieldError } from '../../platform/http/errors.js';
import type { NetworkService } from '../network/service.js';
import { networkView } from '../network/network-view.js';
import { OrganisationStore } from './store.js';
import { OrgIndex } from './org-index.js';
import { checkOrganisation } from './validate.js';
import { placeKindOnLine, ResolveError, resolveLocation, type ResolveInput } from './resolver.js';
import { DEFAULT_CATEGORIES } from './taxonomy.js';
import { defaultRules } from './responsibility-defaults.js';
import type { NetworkView } from './network-view.js';
import { isPlatformAgency } from './platform.js';

/**
 * Agencies, jurisdictions, the category taxonomy and the responsibility matrix, and the resolver
 * over them. Keeps an in-memory index in step with the database and with the network.
 */
export class OrganisationService {
  private readonly store: OrganisationStore;
  private doc: OrganisationDocument;
  private index: OrgIndex;
  private view: NetworkView;
  private categoryList: Category[] = [];
  private ruleList: ResponsibilityRule[] = [];
  private outsiders: ((id: string) => string | undefined) | null = null;

  private constructor(private readonly db: Db, network: NetworkService, doc: OrganisationDocument) {
    this.store = new OrganisationStore(db.kysely);
    this.doc = doc;
    this.index = new OrgIndex(doc);
    this.view = networkView(network.current());
    network.onChange((model) => {
      this.view = networkView(model);
    });
    // A network import must not strand jurisdictions on lines, stations or mileages that vanish.
    network.addGuard((model) => {
      const { problems } = checkOrganisation(this.doc, networkView(model));
      return problems.filter((p) => p.severity === 'error').map(toImportProblem);
    });
  }

  static async open(db: Db, network: NetworkService): Promise<OrganisationService> {
    const store = new OrganisationStore(db.kysely);
    const service = new OrganisationService(db, network, await store.loadDocument());
    await service.reloadTaxonomy();
    return service;
  }

  private async reloadTaxonomy(): Promise<void> {
    this.categoryList = await this.store.categories();
    this.ruleList = await this.store.rules();
  }

  /** Seeds the default taxonomy and matrix into an empty database, and the platform agency. */
  async ensureDefaults(actor: Actor, platformAgencyId: string): Promise<void> {
    const now = nowIso();
    if (this.categoryList.length === 0) {
      await this.db.kysely.transaction().execute(async (trx) => {
        for (const c of DEFAULT_CATEGORIES) await this.store.upsertCategory(trx, c, now);
        for (const r of defaultRules(DEFAULT_CATEGORIES)) await this.store.upsertRule(trx, r, now);
        await recordChange(trx, actor, 'responsibility', 'matrix', 'seed', { categories: DEFAULT_CATEGORIES.length });
      });
      await this.reloadTaxonomy();
    }
    if (!this.index.agency(platformAgencyId)) {
      const platform: Agency = { id: platformAgencyId, name: 'RailJoint 平台管理', type: 'coordination_centre', parentId: null };
      await this.db.kysely.transaction().execute(async (trx) => {
        await this.store.upsertAgencies(trx, [platform], now);
        await recordChange(trx, actor, 'agency', platform.id, 'create', platform);
      });
      await this.reload();
    }
  }

  private async reload(): Promise<void> {
    this.doc = await this.store.loadDocument();
    this.index = new OrgIndex(this.doc);
  }

  async onlyPlatformAgency(): Promise<boolean> {
    return (await this.store.agencyCount()) <= 1;
  }

  async agencyExists(id: string): Promise<boolean> {
    return this.index.agency(id) !== undefined || (await this.store.agencyExists(id));
  }

  check(input: unknown): { problems: OrgProblem[]; ok: boolean } {
    const { problems } = checkOrganisation(input, this.view);
    return { problems, ok: !problems.some((p) => p.severity === 'error') };
  }

  /**
   * Imports agencies and jurisdictions: agencies in the file are created or updated, and the
   * jurisdictions of every agency in the file are replaced by the file's. Validated as merged with
   * what is stored; all or nothing.
   */
  async import(actor: Actor, input: unknown): Promise<{ agencies: number; jurisdictions: number; warnings: OrgProblem[] }> {
    const own = checkOrganisation(input, this.view);
    if (!own.doc) throw invalid(own.problems);
    const incoming = own.doc;
    const ids = new Set(incoming.agencies.map((a) => a.id));
    const agreementIds = new Set((incoming.agreements ?? []).map((a) => a.id));
    const merged: OrganisationDocument = {
      agencies: [...incoming.agencies, ...this.doc.agencies.filter((a) => !ids.has(a.id))],
      jurisdictions: [...incoming.jurisdictions, ...this.doc.jurisdictions.filter((j) => !ids.has(j.agencyId))],
      agreements: [...(incoming.agreements ?? []), ...(this.doc.agreements ?? []).filter((a) => !agreementIds.has(a.id))],
    };
    const all = checkOrganisation(merged, this.view);
    if (!all.doc) throw invalid(all.problems);
    const now = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.store.upsertAgencies(trx, incoming.agencies, now);
      await this.store.replaceJurisdictions(trx, [...ids], incoming.jurisdictions, now);
      await this.store.upsertAgreements(trx, incoming.agreements ?? [], now);
      await recordChange(trx, actor, 'organisation', 'organisation', 'import', { agencies: incoming.agencies.length, jurisdictions: incoming.jurisdictions.length, agreements: incoming.agreements?.length ?? 0 });
    });
    await this.reload();
    return { agencies: incoming.agencies.length, jurisdictions: incoming.jurisdictions.length, warnings: own.problems.filter((p) => p.severity === 'warning') };
  }

  resolve(input: ResolveInput): ResolveResult {
    try {
      return resolveLocation(input, { network: this.view, org: this.index, categories: this.categoryList, rules: this.ruleList });
    } catch (e) {
      if (e instanceof ResolveError) {
        throw new HttpError(e.code === 'bad_location' ? 400 : 404, e.code, e.said);
      }
      throw e;
    }
  }

  /** The kind of place the track is at a measure along a line (a station's precinct or the line's enclosure). */
  placeKindOnLine(lineId: string, measureM: number): PlaceKind {
    return placeKindOnLine(this.view, lineId, measureM);
  }

  document(): OrganisationDocument {
    return this.doc;
  }

  agencies(): Agency[] {
    return this.doc.agencies;
  }

  /** The department's coordination centres: the platform's administration is not one of them. */
  centres(): Agency[] {
    return this.doc.agencies.filter((a) => a.type === 'coordination_centre' && !isPlatformAgency(a.id));
  }

  /** One agency from the index, or undefined: the lookup every module needs for names and checks. */
  findAgency(id: string): Agency | undefined {
    return this.index.agency(id);
  }

  /** The agency's name, or its id when it is not (or no longer) known. */
  agencyName(id: string): string {
    return this.index.agency(id)?.name ?? this.outsiders?.(id) ?? id;
  }

  /**
   * Names agencies this organisation does not hold: those of other nodes (bureau, departments),
   * whose bulletins arrive here under ids of the form `<node>/<agency>`.
   */
  nameOutsidersWith(names: (id: string) => string | undefined): void {
    this.outsiders = names;
  }

  agency(id: string): { agency: Agency; parent: AgencyRef | null; jurisdictions: OrganisationDocument['jurisdictions']; children: AgencyRef[] } {
    const agency = this.index.agency(id);
    if (!agency) throw notFound('agency');
    return {
      agency,
      parent: agency.parentId ? this.index.ref(agency.parentId) : null,
      jurisdictions: this.doc.jurisdictions.filter((j) => j.agencyId === id),
      children: this.doc.agencies.filter((a) => a.parentId === id).map((a) => ({ agencyId: a.id, name: a.name, type: a.type })),
    };
  }

  /** Agencies bound to any of these by a joint-defence agreement (the agencies themselves excluded). */
  partnersOf(agencyIds: Iterable<string>): Set<string> {
    const mine = new Set(agencyIds);
    const out = new Set<string>();
    for (const a of this.doc.agreements ?? []) {
      if (a.agencyIds.some((id) => mine.has(id))) for (const id of a.agencyIds) if (!mine.has(id)) out.add(id);
    }
    return out;
  }

  categories(): Category[] {
    return this.categoryList;
  }

  rules(): ResponsibilityRule[] {
    return this.ruleList;
  }

  async saveCategory(actor: Actor, category: Category): Promise<Category> {
    const existed = this.categoryList.some((c) => c.id === category.id);
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.store.upsertCategory(trx, category, nowIso());
      // A new category gets the default row for every place kind, so the matrix stays complete.
      if (!existed) for (const r of defaultRules([category])) await this.store.upsertRule(trx, r, nowIso());
      await recordChange(trx, actor, 'category', category.id, existed ? 'update' : 'create', category);
    });
    await this.reloadTaxonomy();
    return category;
  }

  async saveRule(actor: Actor, rule: ResponsibilityRule): Promise<ResponsibilityRule> {
    if (!this.categoryList.some((c) => c.id === rule.categoryId)) {
      throw unprocessable('unknown_category', said(`警情类别 ${rule.categoryId} 不存在`, `category ${rule.categoryId} does not exist`), { fields: [fieldError('params.categoryId', '未知的警情类别', 'unknown category')] });
    }
    const before = this.ruleList.find((r) => r.categoryId === rule.categoryId && r.placeKind === rule.placeKind) ?? null;
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.store.upsertRule(trx, rule, nowIso());
      await recordChange(trx, actor, 'responsibility', `${rule.categoryId}/${rule.placeKind}`, 'update', { before, after: rule });
    });
    await this.reloadTaxonomy();
    return rule;
  }
}

function toImportProblem(p: OrgProblem): ImportProblem {
  return { featureId: p.ref, path: p.path, message: p.message, severity: p.severity };
}

function invalid(problems: OrgProblem[]) {
  const errors = problems.filter((p) => p.severity === 'error');
  return unprocessable('invalid_organisation', said(`组织机构文件有 ${errors.length} 处错误，未导入任何内容`, `the organisation file has ${errors.length} error(s); nothing was imported`), {
    errors,
    warnings: problems.filter((p) => p.severity === 'warning'),
  });
}
