import { AssessmentQuery, AssessmentResult, AssessmentScheme, PublishInput, SchemeInput, SchemeList } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { preferredLang } from '../../platform/http/register.js';
import { sendFile } from '../../platform/http/files.js';
import type { AssessmentService } from './service.js';
import { assessmentXlsx } from './xlsx.js';

export function assessmentRoutes(assessment: AssessmentService): RouteSpec[] {
  const tag = 'assessment';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/assessment/schemes',
      summary: 'The assessment schemes (考核方案), newest first: indicators, weights, targets, floors and rules; published to every agency, which must know how it is assessed',
      tag,
      access: 'signed-in',
      reads: { reference: 'the assessment scheme is published to every agency' },
      response: SchemeList,
      handler: async ({ request }) => ({ schemes: await assessment.schemes(preferredLang(request)) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/assessment/schemes',
      summary: 'A new version of the scheme (the centre): weights summing to 100, a floor on the right side of each target; periods already published keep theirs',
      tag,
      access: 'signed-in',
      status: 201,
      body: SchemeInput,
      response: AssessmentScheme,
      handler: async ({ actor, body, request }) => assessment.saveScheme(actor!, body, preferredLang(request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/assessment',
      summary: 'A month’s or quarter’s scores per agency with ranking, trend and the explanation of every score: the centre sees all; an agency its own items and, once published, the ranking',
      tag,
      access: 'signed-in',
      reads: { own: 'the reader’s agency’s scores; the centre every agency’s; published rankings to all' },
      query: AssessmentQuery,
      response: AssessmentResult,
      handler: async ({ actor, query, request }) => assessment.result(actor!, query.period, preferredLang(request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/assessment/export.xlsx',
      summary: 'The same as a workbook: the ranking with its trend, and the items with their explanations',
      tag,
      access: 'signed-in',
      reads: { own: 'the reader’s agency’s scores; the centre every agency’s; published rankings to all' },
      query: AssessmentQuery,
      handler: async ({ actor, query, request, reply }) => {
        const lang = preferredLang(request);
        const r = await assessment.result(actor!, query.period, lang);
        return sendFile(reply, { name: `assessment-${r.period}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from(assessmentXlsx(r, lang)) });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/assessment/publish',
      summary: 'Publish an ended period (the centre): its figures are frozen under the scheme in force and its ranking is readable by every agency',
      tag,
      access: 'signed-in',
      body: PublishInput,
      response: AssessmentResult,
      handler: async ({ actor, body, request }) => assessment.publish(actor!, body.period, preferredLang(request)),
    }),
  ];
}
