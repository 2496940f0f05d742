import type { CommandView, LevelState, Task } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { TimelineEntry } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';
import { useLoaded, type Loaded } from './useLoaded';

const POLL_MS = 10_000;

/** Read again with the incident: live events about it mark the level stale too. */
export function useLevel(incidentId: string): Loaded<LevelState> {
  return useLoaded(queryKeys.level(incidentId), (signal) => api.level(incidentId, signal));
}

/**
 * The joint command named on the incident's timeline. Asking `/api/incidents/:id/command` of every
 * incident would answer 404 for most, and the browser logs each 404 as an error.
 */
export function commandIdOf(timeline: TimelineEntry[]): string | null {
  const opened = timeline.filter((e) => e.action === 'command_opened').at(-1);
  const id = (opened?.detail as { commandId?: unknown } | null | undefined)?.commandId;
  return typeof id === 'string' ? id : null;
}

export function useCommand(commandId: string | null): Loaded<CommandView | null> {
  return useLoaded(queryKeys.command(commandId ?? '-'), (signal) => (commandId ? api.command(commandId, signal) : Promise.resolve(null)), commandId ? POLL_MS : 0);
}

/** Tasks given to the user's agency. */
export function useMyTasks(): Loaded<Task[]> {
  return useLoaded(MY_TASKS, async (signal) => (await api.tasks({ scope: 'mine' }, signal)).tasks, POLL_MS);
}

const MY_TASKS = [...queryKeys.tasks, 'mine'] as const;

export const OPEN_TASK = new Set<Task['status']>(['issued', 'acknowledged', 'in_progress']);
