import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { Checkpoint, CheckpointCode, PatrolPlan, PatrolTeam, Statement, TeamMember, type CheckpointInput, type MemberInput, type PlanInput, type TeamInput } from '@railjoint/contracts';
import type { z as Z } from 'zod';
import { request } from '../../api/client';

/**
 * Reads and writes of the patrol management tabs, through the server's own routes and checked
 * against the shared contracts. Every key starts with `patrol-admin`, so a write reads the lot again.
 */
export const adminKeys = {
  all: ['patrol-admin'] as const,
  teams: ['patrol-admin', 'teams'] as const,
  checkpoints: ['patrol-admin', 'checkpoints'] as const,
  code: (id: string) => ['patrol-admin', 'code', id] as const,
  plans: ['patrol-admin', 'plans'] as const,
  statement: (teamId: string, month: string) => ['patrol-admin', 'statement', teamId, month] as const,
};

export type CheckpointCodeAnswer = Z.infer<typeof CheckpointCode>;

export function useTeams() {
  return useQuery({ queryKey: adminKeys.teams, queryFn: ({ signal }) => request('GET', '/api/patrol-teams', { schema: z.object({ teams: z.array(PatrolTeam) }), signal }).then((a) => a.teams) });
}

export function useCheckpoints() {
  return useQuery({ queryKey: adminKeys.checkpoints, queryFn: ({ signal }) => request('GET', '/api/checkpoints', { schema: z.object({ checkpoints: z.array(Checkpoint) }), signal }).then((a) => a.checkpoints) });
}

export function usePlans() {
  return useQuery({ queryKey: adminKeys.plans, queryFn: ({ signal }) => request('GET', '/api/patrol-plans', { schema: z.object({ plans: z.array(PatrolPlan) }), signal }).then((a) => a.plans) });
}

/** The label to print: the QR code the server drew (SVG) and the code to type under it. */
export function useCheckpointCode(id: string | null) {
  return useQuery({
    queryKey: adminKeys.code(id ?? ''),
    queryFn: ({ signal }) => request('GET', `/api/checkpoints/${encodeURIComponent(id!)}/code`, { schema: CheckpointCode, signal }),
    enabled: id !== null,
  });
}

export function useCheckpointCodes(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: adminKeys.code(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => request('GET', `/api/checkpoints/${encodeURIComponent(id)}/code`, { schema: CheckpointCode, signal }),
    })),
  });
}

export function useStatements(teamIds: readonly string[], month: string) {
  return useQueries({
    queries: teamIds.map((id) => ({
      queryKey: adminKeys.statement(id, month),
      queryFn: ({ signal }: { signal: AbortSignal }) => request('GET', `/api/patrol-teams/${encodeURIComponent(id)}/statement`, { query: { month, format: 'json' }, schema: Statement, signal }),
    })),
  });
}

/** An image source for the server's SVG: a data: URL, which the console's policy allows for images. */
export function svgSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Writes; each reads the tabs again once done. */
export function useAdminWrites() {
  const client = useQueryClient();
  const after = async <T>(p: Promise<T>): Promise<T> => {
    const out = await p;
    await client.invalidateQueries({ queryKey: adminKeys.all });
    return out;
  };
  return {
    saveTeam: (id: string | null, body: TeamBody) => after(id ? request('PUT', `/api/patrol-teams/${encodeURIComponent(id)}`, { body, schema: PatrolTeam }) : request('POST', '/api/patrol-teams', { body, schema: PatrolTeam })),
    saveMember: (id: string | null, body: MemberBody) => after(id ? request('PUT', `/api/patrol-members/${encodeURIComponent(id)}`, { body, schema: TeamMember }) : request('POST', '/api/patrol-members', { body, schema: TeamMember })),
    saveCheckpoint: (body: CheckpointBody) => after(request('POST', '/api/checkpoints', { body, schema: Checkpoint })),
    rotateCode: (id: string) => after(request('POST', `/api/checkpoints/${encodeURIComponent(id)}/code/rotate`, { body: {}, schema: CheckpointCode })),
    savePlan: (body: PlanBody) => after(request('POST', '/api/patrol-plans', { body, schema: PatrolPlan })),
  };
}

// what the forms send: the contracts' input shapes (defaults may be left out)
export type TeamBody = Partial<TeamInput> & Pick<TeamInput, 'agencyId' | 'name' | 'kind'>;
export type MemberBody = Partial<MemberInput> & Pick<MemberInput, 'teamId' | 'personal'>;
export type CheckpointBody = Partial<CheckpointInput> & Pick<CheckpointInput, 'agencyId' | 'name' | 'place'>;
export type PlanBody = Partial<PlanInput> & Pick<PlanInput, 'agencyId' | 'name' | 'checkpointIds' | 'days' | 'windows' | 'teamIds' | 'validFrom'>;
