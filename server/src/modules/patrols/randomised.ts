import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import type { PatrolDutiesTable } from './tables.js';
import { beijingInstant, dutyId } from './duties.js';
import { flag, parseJson } from './context.js';

/**
 * Randomised patrol plans (issue 13): one plan per team, marked `randomised`, whose duties are
 * written here for the days the patrol game drew, each with that day's stretch's checkpoints — so
 * the team's phone shows one duty a day on a stretch nobody could have read off a fixed plan. The
 * sweep never generates them and a plan edit never touches them (plans.ts).
 *
 * Writing a week again replaces that week's randomised duties that have not begun and were never
 * touched (no patrol started on them, no check-in); one already begun or touched stays, and that
 * team gets nothing new that day — so running twice never doubles a team's day.
 */
export interface RandomisedWeek {
  dates: readonly string[];
  window: { from: string; to: string };
  teams: ReadonlyArray<{ id: string; agencyId: string; name: string; mode: string; checkpointIds: readonly string[] }>;
  /** per date, the team and the checkpoints of the stretch drawn for it */
  patrols: ReadonlyArray<{ date: string; teamId: string; checkpointIds: readonly string[] }>;
  /** what the change log says about the run (the game's summary) */
  about: Record<string, unknown>;
}

export const randomisedPlanId = (teamId: string) => `pp-rand-${teamId}`;

export async function writeRandomisedWeek(trx: Kysely<Database>, actor: Actor, week: RandomisedWeek, at: string): Promise<{ written: number; replaced: number; kept: number; planIds: string[] }> {
  const randomised = trx.selectFrom('patrol_plans').select('id').where('randomised', '=', 1);
  const stale = await trx
    .selectFrom('patrol_duties')
    .select('id')
    .where('plan_id', 'in', randomised)
    .where('date', 'in', [...week.dates])
    .where('slot_start', '>', at)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('patrol_check_ins').select('patrol_check_ins.id').whereRef('patrol_check_ins.duty_id', '=', 'patrol_duties.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('patrols').select('patrols.id').whereRef('patrols.duty_id', '=', 'patrol_duties.id'))))
    .execute();
  if (stale.length) await trx.deleteFrom('patrol_duties').where('id', 'in', stale.map((d) => d.id)).execute();
  const keptRows = await trx.selectFrom('patrol_duties').select(['plan_id', 'date']).where('plan_id', 'in', randomised).where('date', 'in', [...week.dates]).execute();
  const kept = new Set(keptRows.map((d) => `${d.plan_id}\n${d.date}`));

  const planIds: string[] = [];
  let written = 0;
  for (const team of week.teams) {
    const mine = week.patrols.filter((p) => p.teamId === team.id);
    if (!mine.length) continue;
    const planId = randomisedPlanId(team.id);
    planIds.push(planId);
    const existing = await trx.selectFrom('patrol_plans').selectAll().where('id', '=', planId).executeTakeFirst();
    // the plan names every checkpoint its duties ever asked for, so the team's agency keeps reading earlier weeks' ones
    const checkpointIds = [...new Set([...(existing ? parseJson<string[]>(existing.checkpoint_ids) : []), ...team.checkpointIds, ...mine.flatMap((p) => p.checkpointIds)])];
    const version = existing?.version ?? 1;
    const row = {
      agency_id: team.agencyId,
      name: `随机巡逻 · ${team.name}`,
      kind: 'patrol',
      stretch: null,
      checkpoint_ids: JSON.stringify(checkpointIds),
      days: JSON.stringify([1, 2, 3, 4, 5, 6, 7]),
      windows: JSON.stringify([week.window]),
      rounds: 1,
      check_every_h: null,
      team_ids: JSON.stringify([team.id]),
      mode: team.mode,
      valid_from: existing && existing.valid_from < week.dates[0]! ? existing.valid_from : week.dates[0]!,
      valid_until: null,
      active: 1,
      joint: 0,
      randomised: flag(true),
      version,
      updated_at: at,
    };
    if (existing) await trx.updateTable('patrol_plans').set(row).where('id', '=', planId).execute();
    else await trx.insertInto('patrol_plans').values({ id: planId, ...row, created_at: at }).execute();
    await trx.deleteFrom('patrol_plan_teams').where('plan_id', '=', planId).execute();
    await trx.insertInto('patrol_plan_teams').values({ plan_id: planId, team_id: team.id, agency_id: team.agencyId }).execute();
    await trx.deleteFrom('patrol_plan_checkpoints').where('plan_id', '=', planId).execute();
    await trx.insertInto('patrol_plan_checkpoints').values(checkpointIds.map((c, seq) => ({ plan_id: planId, checkpoint_id: c, seq }))).execute();

    const rows: PatrolDutiesTable[] = [];
    for (const p of mine) {
      if (kept.has(`${planId}\n${p.date}`)) continue;
      const start = beijingInstant(p.date, week.window.from);
      let end = beijingInstant(p.date, week.window.to);
      if (end <= start) end += 86_400_000;
      rows.push({
        id: dutyId(planId, version, p.date, 0, 0),
        plan_id: planId,
        plan_version: version,
        date: p.date,
        slot_start: new Date(start).toISOString(),
        slot_end: new Date(end).toISOString(),
        kind: 'patrol',
        mode: team.mode,
        checkpoint_ids: JSON.stringify(p.checkpointIds),
        team_ids: JSON.stringify([team.id]),
        joint: 0,
        settled_at: null,
        created_at: at,
      });
    }
    if (rows.length) {
      const res = await trx.insertInto('patrol_duties').values(rows).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
      written += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    await recordChange(trx, actor, 'patrol_plan', planId, existing ? 'randomise' : 'create', { randomised: true, week: week.dates[0], duties: rows.length, ...week.about });
  }
  return { written, replaced: stale.length, kept: kept.size, planIds };
}
