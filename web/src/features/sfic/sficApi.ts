import { useQuery } from '@tanstack/react-query';
import { SficView, Survey, SurveyResults, type SurveyAnswer } from '@railjoint/contracts';
import { z } from 'zod';
import { request } from '../../api/client';

const KEY = ['sfic'] as const;
export const sficKey = KEY;

export function useSficView(lang: string) {
  return useQuery({ queryKey: [...KEY, 'view', lang], queryFn: ({ signal }) => request('GET', '/api/sfic?months=6', { schema: SficView, signal }) });
}

export function useSurvey(lang: string) {
  return useQuery({ queryKey: [...KEY, 'survey', lang], queryFn: ({ signal }) => request('GET', '/api/survey', { schema: Survey, signal }) });
}

export function useSurveyResults(lang: string) {
  return useQuery({ queryKey: [...KEY, 'results', lang], queryFn: ({ signal }) => request('GET', '/api/survey/results', { schema: SurveyResults, signal }) });
}

export const answerSurvey = (input: SurveyAnswer) => request('POST', '/api/survey/responses', { body: input, schema: z.object({ quarter: z.string() }) });
