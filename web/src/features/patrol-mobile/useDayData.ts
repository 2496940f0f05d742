import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { Checkpoint, PatrolDuty, PatrolTeam, type User } from '@railjoint/contracts';
import { request } from '../../api/client';
import { api } from '../../api/endpoints';
import { platformIso, platformNow } from '../../api/platformClock';
import { offlineStore } from './offlineStore';

/** A team as the phone keeps it: no member's name or number is stored on the phone. */
export interface TeamSummary {
  id: string;
  name: string;
  kind: string;
  /** the member record of the account, when the account is one of the team */
  memberId: string | null;
}
export type DutyCheckpoint = PatrolDuty['checkpoints'][number];
export interface CheckpointSummary {
  id: string;
  name: string;
  coordinates: [number, number];
  radiusM: number;
  mileage: string | null;
}
export interface CategorySummary {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface DayData {
  date: string;
  teams: TeamSummary[];
  duties: PatrolDuty[];
  checkpoints: CheckpointSummary[];
  categories: CategorySummary[];
}

/** The Beijing date of an instant: duties are planned by Beijing days (China keeps +08:00 all year). */
export function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function fetchDay(user: User, date: string): Promise<DayData> {
  const [teamList, cps, categories] = await Promise.all([
    request('GET', '/api/patrol-teams', { query: { agencyId: user.agencyId }, schema: z.object({ teams: z.array(PatrolTeam) }) }),
    // every checkpoint the account may see: a joint plan's are another agency's
    request('GET', '/api/checkpoints', { schema: z.object({ checkpoints: z.array(Checkpoint) }) }),
    api.categories(),
  ]);
  const teams = teamList.teams
    .filter((t) => t.active && t.agencyId === user.agencyId)
    .map((t) => ({ id: t.id, name: t.name, kind: t.kind, memberId: t.members.find((m) => m.username === user.username)?.id ?? null }));
  const duties = (
    await Promise.all(teams.map((t) => request('GET', '/api/patrol-duties', { query: { date, teamId: t.id }, schema: z.object({ duties: z.array(PatrolDuty) }) })))
  ).flatMap((d) => d.duties);
  return {
    date,
    teams,
    duties: [...new Map(duties.map((d) => [d.id, d])).values()].sort((a, b) => a.slotStart.localeCompare(b.slotStart)),
    checkpoints: cps.checkpoints.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name, coordinates: c.coordinates, radiusM: c.radiusM, mileage: c.mileage })),
    categories: categories.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
  };
}

/**
 * The day as the phone knows it: read from the server when it answers and kept in IndexedDB, or
 * the copy kept last time when it does not — so a member who opens the app with no signal still
 * sees the day's duties and checkpoints. `savedAt` says how old the copy is.
 */
export function useDayData(user: User): { data: DayData | null; savedAt: string | null; fromCache: boolean; loading: boolean; reload(): void } {
  const [state, setState] = useState<{ data: DayData | null; savedAt: string | null; fromCache: boolean; loading: boolean }>({ data: null, savedAt: null, fromCache: false, loading: true });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    const date = beijingDate(platformNow());
    const owner = user.username;
    void (async () => {
      const kept = await offlineStore.cached<DayData>(owner, 'day').catch(() => null);
      // show the kept copy at once; the server's answer replaces it when it comes
      if (live && kept) setState({ data: kept.value, savedAt: kept.savedAt, fromCache: true, loading: true });
      try {
        const fresh = await fetchDay(user, date);
        const savedAt = platformIso();
        await offlineStore.keep(owner, 'day', fresh, savedAt);
        if (live) setState({ data: fresh, savedAt, fromCache: false, loading: false });
      } catch {
        if (live) setState((s) => ({ ...s, loading: false, fromCache: s.data !== null }));
      }
    })();
    return () => {
      live = false;
    };
  }, [user, tick]);

  return { ...state, reload };
}
