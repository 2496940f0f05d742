import { useQuery } from '@tanstack/react-query';
import { Assessment, CountermeasureList, CountermeasurePlan, SpacePlanIssued, SpaceSectionList, SpaceSiteDetail, SpaceSiteList, SpaceTemplateList, type SpaceAssessmentInput, type SpaceSiteInput, type User } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

/** The server's `space.read`: the working staff of every agency; not volunteers or auditors. */
export const mayReadSpace = (user: User) => user.roles.some((r) => r !== 'volunteer' && r !== 'auditor');

export function useSpaceSites(enabled = true) {
  return useQuery({ queryKey: [...queryKeys.space, 'sites'], queryFn: ({ signal }) => request('GET', '/api/defensible-space/sites', { schema: SpaceSiteList, signal }), enabled });
}

export function useSpaceSite(id: string | undefined) {
  return useQuery({ queryKey: [...queryKeys.space, 'site', id ?? ''], queryFn: ({ signal }) => request('GET', `/api/defensible-space/sites/${encodeURIComponent(id!)}`, { schema: SpaceSiteDetail, signal }), enabled: !!id });
}

export function useSpaceTemplates() {
  return useQuery({ queryKey: [...queryKeys.space, 'templates'], queryFn: ({ signal }) => request('GET', '/api/defensible-space/templates', { schema: SpaceTemplateList, signal }) });
}

export function useCountermeasures() {
  return useQuery({ queryKey: [...queryKeys.space, 'countermeasures'], queryFn: ({ signal }) => request('GET', '/api/defensible-space/countermeasures', { schema: CountermeasureList, signal }), staleTime: Infinity });
}

export function useSpaceSections() {
  return useQuery({ queryKey: [...queryKeys.space, 'sections'], queryFn: ({ signal }) => request('GET', '/api/defensible-space/sections', { schema: SpaceSectionList, signal }) });
}

export const createSite = (input: SpaceSiteInput) => request('POST', '/api/defensible-space/sites', { body: input, schema: SpaceSiteDetail });
export const assessSite = (id: string, input: SpaceAssessmentInput) => request('POST', `/api/defensible-space/sites/${encodeURIComponent(id)}/assessments`, { body: input, schema: Assessment });
export const planMeasures = (budgetWan: number) => request('POST', '/api/defensible-space/plans', { body: { budgetWan }, schema: CountermeasurePlan });
export const issuePlan = (budgetWan: number, deadline: string) => request('POST', '/api/defensible-space/plans/issue', { body: { budgetWan, deadline }, schema: SpacePlanIssued });
