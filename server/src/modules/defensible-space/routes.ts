import { z } from 'zod';
import {
  Assessment,
  AssessmentTemplate,
  CountermeasureList,
  CountermeasurePlan,
  Id,
  SpaceAssessmentInput,
  SpacePhotoQuery,
  SpacePlanInput,
  SpacePlanIssueInput,
  SpacePlanIssued,
  SpaceEvaluation,
  SpaceSectionList,
  SpaceSiteDetail,
  SpaceSiteInput,
  SpaceSiteList,
  SpaceSiteQuery,
  SpaceSiteType,
  SpaceTemplateInput,
  SpaceTemplateList,
} from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { sendFile } from '../../platform/http/files.js';
import { ATTACHMENT_LIMIT } from '../sharing/attachment-rules.js';
import { uploadedFile } from '../sharing/attachment-upload.js';
import { authorize } from '../../platform/policies/actions.js';
import { COUNTERMEASURES } from './catalogue.js';
import type { DefensibleSpaceService } from './service.js';

const Params = z.object({ id: Id });
const TypeParams = z.object({ siteType: SpaceSiteType });

export function defensibleSpaceRoutes(space: DefensibleSpaceService): RouteSpec[] {
  const tag = 'defensible space';
  const reads = { action: 'space.read' } as const;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/defensible-space/templates',
      summary: 'The assessment template of every site type: items by aspect (regionality, monitoring, appearance, environment), those the platform measures marked',
      tag,
      access: 'signed-in',
      reads,
      response: SpaceTemplateList,
      handler: async ({ actor }) => (authorize(actor, 'space.read'), { templates: await space.templates() }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/defensible-space/templates/:siteType',
      summary: 'A new version of a site type’s template (analysts, administrators); every aspect needs an item, ids are unique, each measured kind appears once',
      tag,
      access: 'signed-in',
      params: TypeParams,
      body: SpaceTemplateInput,
      response: AssessmentTemplate,
      handler: async ({ actor, params, body }) => (authorize(actor, 'space.template'), space.putTemplate(actor, params.siteType, body)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/defensible-space/countermeasures',
      summary: 'The catalogue of countermeasures with cost (万元), the items they raise and the expected reduction of incidents',
      tag,
      access: 'signed-in',
      reads,
      response: CountermeasureList,
      handler: async ({ actor }) => (authorize(actor, 'space.read'), { countermeasures: COUNTERMEASURES }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/defensible-space/sites',
      summary: 'Assessed sites along the line with their latest aspect scores and total',
      tag,
      access: 'signed-in',
      reads,
      query: SpaceSiteQuery,
      response: SpaceSiteList,
      handler: async ({ actor, query }) => (authorize(actor, 'space.read'), { sites: await space.sites(query) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/defensible-space/sites',
      summary: 'Add a site to assess at a line and mileage or a point (placed by the resolver)',
      tag,
      access: 'signed-in',
      body: SpaceSiteInput,
      status: 201,
      response: SpaceSiteDetail,
      handler: async ({ actor, body }) => (authorize(actor, 'space.assess'), space.createSite(actor, body)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/defensible-space/sites/:id',
      summary: 'A site, every assessment of it (newest first, each with its weakest aspect’s recommended countermeasures) and what the platform measures there now',
      tag,
      access: 'signed-in',
      reads,
      params: Params,
      response: SpaceSiteDetail,
      handler: async ({ actor, params }) => (authorize(actor, 'space.read'), space.site(params.id)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/defensible-space/sites/:id/assessments',
      summary: 'Assess a site: a score 0–4 (and a note) for every item of its template the platform does not measure; measured items are filled from its data',
      tag,
      access: 'signed-in',
      params: Params,
      body: SpaceAssessmentInput,
      status: 201,
      response: Assessment,
      handler: async ({ actor, params, body }) => (authorize(actor, 'space.assess'), space.assess(actor, params.id, body)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/defensible-space/assessments/:id/photos',
      summary: 'A photo in evidence of one item of an assessment, by the agency that made it: JPEG or PNG judged by content, metadata removed, at most 3 per item, once per photoId',
      tag,
      access: 'signed-in',
      params: Params,
      query: SpacePhotoQuery,
      body: z.unknown(),
      rawBody: ['image/jpeg', 'image/png', 'application/octet-stream'],
      bodyLimit: ATTACHMENT_LIMIT + 1024,
      status: 201,
      response: SpaceSiteDetail,
      handler: async ({ actor, params, query, body, request }) => (authorize(actor, 'space.assess'), space.addPhoto(actor, params.id, query.itemId, query.photoId, uploadedFile(body, request, 'image/jpeg or image/png'))),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/defensible-space/assessments/:id/photos/:photoId',
      summary: 'An evidence photo of an assessment',
      tag,
      access: 'signed-in',
      reads,
      params: z.object({ id: Id, photoId: Id }),
      handler: async ({ actor, params, reply }) => {
        authorize(actor, 'space.read');
        return sendFile(reply, { ...(await space.photo(params.id, params.photoId)) }, 'inline');
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/defensible-space/sections',
      summary: 'Per section of line: the mean of its sites’ latest aspect scores, the total and the weakest aspect',
      tag,
      access: 'signed-in',
      reads,
      response: SpaceSectionList,
      handler: async ({ actor }) => (authorize(actor, 'space.read'), { sections: await space.sections() }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/defensible-space/plans',
      summary: 'Countermeasures for the assessed sites within a budget (万元): the exact optimum of expected incidents avoided, one measure per site and aspect, beside the greedy choice',
      tag,
      access: 'signed-in',
      body: SpacePlanInput,
      response: CountermeasurePlan,
      handler: async ({ actor, body }) => (authorize(actor, 'space.read'), space.plan(body)),
    }),
      defineRoute({
      method: 'POST',
      url: '/api/defensible-space/plans/issue',
      summary: 'The plan for this budget as task orders, in one go (the centre): each measure to the railway section chief’s agency (regionality, monitoring) or the local one (appearance, environment)',
      tag,
      access: 'signed-in',
      body: SpacePlanIssueInput,
      status: 201,
      response: SpacePlanIssued,
      handler: async ({ actor, body }) => (authorize(actor, 'space.read'), space.issuePlan(actor, body)),
    }),
      defineRoute({
      method: 'GET',
      url: '/api/defensible-space/evaluation',
      summary: 'Did the measures work: incidents before and after at the treated sites beside the untreated sites of the same type over the same windows (a ratio of ratios)',
      tag,
      access: 'signed-in',
      reads,
      response: SpaceEvaluation,
      handler: async ({ actor }) => (authorize(actor, 'space.read'), space.evaluation()),
    }),
  ];
}
