import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PatrolDutiesRun } from '@railjoint/contracts';
import { request } from '../../api/client';

export interface PatrolDutiesAsk {
  caughtShare: number;
  /** a preview's week and draw, so writing writes what was shown */
  weekStart?: string;
  seed?: number;
  write: boolean;
}

/** Plays next week's patrol game (a preview) or writes its draw as duties; the plans list in patrol admin then shows the randomised plans. */
export function usePatrolDuties() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ask: PatrolDutiesAsk) => request('POST', '/api/allocation/patrol-duties', { body: ask, schema: PatrolDutiesRun }),
    onSuccess: (run) => {
      if (run.duties) void client.invalidateQueries({ queryKey: ['patrol-admin'] });
    },
  });
}
