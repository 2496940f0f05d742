import { SficQuery, SficView, Survey, SurveyAnswer, SurveyResults, SurveyResultsQuery } from '@railjoint/contracts';
import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { preferredLang } from '../../platform/http/register.js';
import type { SficService } from './service.js';

export function sficRoutes(sfic: SficService): RouteSpec[] {
  const tag = 'governance';
  const own = 'the reader’s agency’s figures; the centre the department’s and every agency’s';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/sfic',
      summary: 'The SFIC view: the indicators arranged by the model’s components (starting conditions, institutional design, facilitative leadership, collaborative process, outcomes) month by month, with the survey’s means per quarter',
      tag,
      access: 'signed-in',
      reads: { own },
      query: SficQuery,
      response: SficView,
      handler: async ({ actor, query, request }) => sfic.view(actor!, query.months, preferredLang(request)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/survey',
      summary: 'The running quarter’s collaboration survey (1–5 items) and whether the reader has answered it',
      tag,
      access: 'signed-in',
      reads: { own: 'the questionnaire, and whether the reader answered' },
      response: Survey,
      handler: async ({ actor, request }) => sfic.survey(actor!, preferredLang(request)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/survey/responses',
      summary: 'Answer the running quarter’s survey, once; filed under the reader’s agency without their name',
      tag,
      access: 'signed-in',
      status: 201,
      body: SurveyAnswer,
      response: z.object({ quarter: z.string() }),
      handler: async ({ actor, body }) => sfic.answer(actor!, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/survey/results',
      summary: 'A quarter’s survey means per item and component (only from three responses on), per agency and for the department, with the quarters before',
      tag,
      access: 'signed-in',
      reads: { own },
      query: SurveyResultsQuery,
      response: SurveyResults,
      handler: async ({ actor, query, request }) => sfic.results(actor!, query.quarter, preferredLang(request)),
    }),
  ];
}
