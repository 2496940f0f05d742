import { z } from 'zod';
import {
  Agency,
  AgencyRef,
  Agreement,
  Category,
  Id,
  Jurisdiction,
  OrgProblem,
  PlaceKind,
  ResolveQuery,
  ResolveResult,
  ResponsibilityRule,
} from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';
import type { OrganisationService } from './service.js';
import { isPlatformAgency } from './platform.js';

const IMPORT_LIMIT = 32 * 1024 * 1024;

export function organisationRoutes(org: OrganisationService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/jurisdiction/resolve',
      summary: 'Who is responsible here: location, place kind, protection-zone verdict, jurisdictions and (with a category) lead/support/inform with reasons',
      tag: 'organisation',
      access: 'signed-in',
      reads: { reference: 'jurisdictions are public knowledge within the department' },
      query: ResolveQuery,
      response: ResolveResult,
      handler: async ({ actor, query, lang }) => {
        authorize(actor, 'jurisdiction.resolve');
        return org.resolve({
          lon: query.lon,
          lat: query.lat,
          lineId: query.lineId,
          mileage: query.mileage,
          stationId: query.stationId,
          trainNo: query.trainNo,
          categoryId: query.category,
          lang: query.lang ?? lang,
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/organisation/check',
      summary: 'Validate an organisation JSON file against the stored network without importing it',
      tag: 'organisation',
      access: 'signed-in',
      body: z.unknown(),
      bodyLimit: IMPORT_LIMIT,
      response: z.object({ ok: z.boolean(), problems: z.array(OrgProblem) }),
      handler: async ({ actor, body }) => {
        authorize(actor, 'organisation.import');
        return org.check(body);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/organisation/import',
      summary: 'Import agencies and jurisdictions (admin). Agencies are upserted; the jurisdictions of each agency in the file are replaced. All or nothing.',
      tag: 'organisation',
      access: 'signed-in',
      body: z.unknown(),
      bodyLimit: IMPORT_LIMIT,
      response: z.object({ agencies: z.number(), jurisdictions: z.number(), warnings: z.array(OrgProblem) }),
      handler: async ({ actor, body }) => {
        authorize(actor, 'organisation.import');
        return org.import(actor, body);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/organisation',
      summary: 'All agencies and jurisdictions, in the import format',
      tag: 'organisation',
      access: 'signed-in',
      reads: { reference: 'the department’s agencies and jurisdictions' },
      response: z.object({ agencies: z.array(Agency), jurisdictions: z.array(Jurisdiction), agreements: z.array(Agreement).optional() }),
      handler: async ({ actor }) => {
        authorize(actor, 'organisation.read');
        return org.document();
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/organisation/areas',
      summary: 'Area jurisdictions (county bureaus, townships) as GeoJSON for the map',
      tag: 'organisation',
      access: 'signed-in',
      reads: { reference: 'the department’s agencies and jurisdictions' },
      handler: async ({ actor }) => {
        authorize(actor, 'organisation.read');
        const doc = org.document();
        const byId = new Map(doc.agencies.map((a) => [a.id, a]));
        return {
          type: 'FeatureCollection',
          features: doc.jurisdictions.flatMap((j) => {
            if (j.kind !== 'area') return [];
            const a = byId.get(j.agencyId);
            return [{ type: 'Feature', geometry: j.geometry, properties: { agencyId: j.agencyId, name: a?.name ?? j.agencyId, type: a?.type ?? null } }];
          }),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/agencies',
      summary: 'Agencies, optionally of one type',
      tag: 'organisation',
      access: 'signed-in',
      reads: { reference: 'the department’s agencies' },
      query: z.object({ type: Agency.shape.type.optional() }),
      response: z.object({ agencies: z.array(Agency) }),
      handler: async ({ actor, query }) => {
        authorize(actor, 'organisation.read');
        // the department's agencies: the platform's administration is none of them, so no picker offers it
        const list = org.agencies().filter((a) => !isPlatformAgency(a.id));
        return { agencies: query.type ? list.filter((a) => a.type === query.type) : list };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/agencies/:id',
      summary: 'One agency with its parent, children and jurisdictions',
      tag: 'organisation',
      access: 'signed-in',
      reads: { reference: 'the department’s agencies' },
      params: z.object({ id: Id }),
      response: z.object({ agency: Agency, parent: AgencyRef.nullable(), children: z.array(AgencyRef), jurisdictions: z.array(Jurisdiction) }),
      handler: async ({ actor, params }) => {
        authorize(actor, 'organisation.read');
        return org.agency(params.id);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/categories',
      summary: 'The incident-category taxonomy (Chinese, English, pinyin)',
      tag: 'organisation',
      access: 'signed-in',
      reads: { reference: 'incident categories and their limits' },
      response: z.array(Category),
      handler: async ({ actor }) => {
        authorize(actor, 'categories.read');
        return org.categories();
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/categories/:id',
      summary: 'Create or change a category (admin); a new category gets default matrix rows',
      tag: 'organisation',
      access: 'signed-in',
      params: z.object({ id: Id }),
      body: Category.omit({ id: true }),
      response: Category,
      handler: async ({ actor, params, body }) => {
        authorize(actor, 'responsibility.edit');
        return org.saveCategory(actor, { ...body, id: params.id });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/responsibility',
      summary: 'The responsibility matrix: for each category and place kind, who leads, supports and is informed, and the time limit',
      tag: 'organisation',
      access: 'signed-in',
      reads: { reference: 'the responsibility matrix: who leads what where' },
      query: z.object({ categoryId: Id.optional() }),
      response: z.object({ rules: z.array(ResponsibilityRule) }),
      handler: async ({ actor, query }) => {
        authorize(actor, 'categories.read');
        const rules = org.rules();
        return { rules: query.categoryId ? rules.filter((r) => r.categoryId === query.categoryId) : rules };
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/responsibility/:categoryId/:placeKind',
      summary: 'Change one cell of the responsibility matrix (admin); recorded with before and after',
      tag: 'organisation',
      access: 'signed-in',
      params: z.object({ categoryId: Id, placeKind: PlaceKind }),
      body: ResponsibilityRule.omit({ categoryId: true, placeKind: true }),
      response: ResponsibilityRule,
      handler: async ({ actor, params, body }) => {
        authorize(actor, 'responsibility.edit');
        return org.saveRule(actor, { ...body, categoryId: params.categoryId, placeKind: params.placeKind });
      },
    }),
  ];
}
