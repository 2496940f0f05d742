import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { CoverageReport, PatrolAlert, SectionSummary, TeamRecord } from '@railjoint/contracts';
import { request } from '../../api/client';

/** How often the centre's coverage view is read again: check-ins arrive from phones, often late. */
const EVERY_MS = 30_000;

export const coverageKeys = {
  sections: (date: string, lineId: string) => ['patrol-coverage', date, lineId] as const,
  teams: (date: string) => ['patrol-coverage-teams', date] as const,
  alerts: ['patrol-alerts'] as const,
};

export function useCoverage(date: string, lineId: string) {
  return useQuery({
    queryKey: coverageKeys.sections(date, lineId),
    queryFn: ({ signal }) => request('GET', '/api/patrol-coverage', { query: { date, lineId }, schema: CoverageReport, signal }),
    refetchInterval: EVERY_MS,
  });
}

export function useTeamRecords(date: string) {
  return useQuery({
    queryKey: coverageKeys.teams(date),
    queryFn: ({ signal }) => request('GET', '/api/patrol-coverage/teams', { query: { date }, schema: z.object({ teams: z.array(TeamRecord) }), signal }),
    refetchInterval: EVERY_MS,
  });
}

export function usePatrolAlerts() {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: coverageKeys.alerts,
    queryFn: ({ signal }) => request('GET', '/api/patrol-alerts', { query: { open: 'true' }, schema: z.object({ alerts: z.array(PatrolAlert) }), signal }),
    refetchInterval: EVERY_MS,
  });
  const acknowledge = async (id: string) => {
    await request('POST', `/api/patrol-alerts/${encodeURIComponent(id)}/acknowledge`, { body: {} });
    await client.invalidateQueries({ queryKey: coverageKeys.alerts });
  };
  return { ...q, acknowledge };
}

/** The network's sections with their mileages (to draw each along its line); read once. */
export function useSections() {
  return useQuery({
    queryKey: ['network-sections'] as const,
    queryFn: ({ signal }) => request('GET', '/api/network/sections', { schema: z.object({ sections: z.array(SectionSummary) }), signal }),
    staleTime: Infinity,
  });
}
