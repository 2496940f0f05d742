import { useQuery } from '@tanstack/react-query';
import { RiskBacktestResult, RiskCells, type RiskBacktestRequest, type RiskMethod, type User } from '@railjoint/contracts';
import { request } from '../../api/client';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

export interface CellsParams {
  lineId?: string;
  category?: string;
  method: RiskMethod;
  cellM: number;
}

export function useRiskCells(p: CellsParams, enabled = true) {
  const query = { lineId: p.lineId || undefined, category: p.category || undefined, method: p.method, cellM: p.cellM };
  return useQuery({
    queryKey: [...queryKeys.risk, 'cells', p.lineId ?? '', p.category ?? '', p.method, p.cellM],
    queryFn: ({ signal }) => request('GET', '/api/risk/cells', { query, schema: RiskCells, signal }),
    enabled,
    // the scores move only as incidents close: a minute-old map is as good as a fresh one
    staleTime: 60_000,
  });
}

export function runBacktest(body: RiskBacktestRequest) {
  return request('POST', '/api/risk/backtest', { body, schema: RiskBacktestResult });
}

/**
 * Whether the console shows risk to this user, mirroring server/src/platform/policies/risk.ts:
 * analysts and administrators always; dispatchers and commanders only at the coordination centre.
 * The signed-in user does not carry the agency's type, so for them the department's agencies
 * (read once per sign-in, shared with the rest of the console) tell it — not a request the server
 * would refuse, which the browser would log as an error.
 */
export function useMayReadRisk(user: User | null): boolean {
  const sure = !!user && (user.roles.includes('admin') || user.roles.includes('analyst'));
  const maybe = !!user && !sure && user.roles.some((r) => r === 'dispatcher' || r === 'commander');
  const agencies = useQuery({ queryKey: queryKeys.agencies, queryFn: async ({ signal }) => (await api.agencies(signal)).agencies, staleTime: Infinity, enabled: maybe });
  return sure || (maybe && agencies.data?.find((a) => a.id === user?.agencyId)?.type === 'coordination_centre');
}
