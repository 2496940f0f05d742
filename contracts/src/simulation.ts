import { z } from 'zod';

/**
 * Simulation of reception and handling (接处警仿真): a department as plain data — districts and the
 * agency owning each, incident categories with their arrival rates by hour, service times and time
 * limits, units with posts and shifts, travel times between districts, the delay of a transfer
 * between agencies — run under a dispatch policy. The same document for
 * `railjoint simulate --scenario FILE` and the API. Times are seconds; day 1 starts at midnight.
 */
const SimId = z.string().trim().min(1).max(128);

/** More incidents than this would take minutes and memory the server cannot spare. */
export const SIMULATION_MAX_INCIDENTS = 100_000_000;
export const SIMULATION_LIMITS = { areas: 2_000, units: 20_000, categories: 200, historyIncidents: 5_000_000 } as const;

export const SIMULATION_POLICIES = ['siloed', 'joint', 'joint_optimised_posts'] as const;
export const SimulationPolicy = z.enum(SIMULATION_POLICIES);
export type SimulationPolicy = z.infer<typeof SimulationPolicy>;

const Seconds = z.number().finite().nonnegative({ message: 'a time cannot be negative' });
const Positive = z.number().finite().positive({ message: 'must be greater than 0' });

/** A distribution of durations, seconds. */
export const SimDuration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), s: Seconds }),
  z.object({ kind: z.literal('exponential'), meanS: Positive }),
  z.object({ kind: z.literal('uniform'), minS: Seconds, maxS: Seconds }).refine((d) => d.maxS >= d.minS, { path: ['maxS'], message: 'must not be less than minS', params: { zh: '不得小于 minS' } }),
  z.object({ kind: z.literal('lognormal'), meanS: Positive, sdS: Seconds }),
  // durations seen in the data (e.g. transfers from the incident log), drawn uniformly
  z.object({ kind: z.literal('empirical'), valuesS: z.array(Seconds).min(1).max(100_000) }),
]);
export type SimDuration = z.infer<typeof SimDuration>;

export const SimAgency = z.object({ id: SimId, name: z.string().max(200).optional() });
export type SimAgency = z.infer<typeof SimAgency>;

export const SimArea = z.object({
  id: SimId,
  name: z.string().max(200).optional(),
  /** the agency whose units answer here when agencies work apart */
  agencyId: SimId,
  /** share of this district's incidents first received by another agency (overrides transfer.share) */
  transferShare: z.number().min(0).max(1).optional(),
});
export type SimArea = z.infer<typeof SimArea>;

export const SimCategory = z.object({
  id: SimId,
  name: z.string().max(200).optional(),
  /** response (report → unit on scene) within this counts as within the limit */
  limitS: Positive,
  /** time on scene */
  service: SimDuration,
});
export type SimCategory = z.infer<typeof SimCategory>;

const Rate = z.number().finite().nonnegative({ message: 'a rate cannot be negative' });
export const SimRate = z.object({
  categoryId: SimId,
  areaId: SimId,
  /** incidents per hour: one figure for every hour, or 24 figures from midnight */
  perHour: z.union([Rate, z.array(Rate).length(24, { message: 'give 24 hourly rates, from midnight' })]),
});
export type SimRate = z.infer<typeof SimRate>;

export const SimHistoryIncident = z.object({ atS: Seconds, categoryId: SimId, areaId: SimId });
export type SimHistoryIncident = z.infer<typeof SimHistoryIncident>;

export const SimArrivals = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rates'), rates: z.array(SimRate).min(1) }),
  // replayed as they happened (seconds from the start); those at or after the horizon are left out
  z.object({ kind: z.literal('history'), incidents: z.array(SimHistoryIncident).min(1).max(SIMULATION_LIMITS.historyIncidents) }),
]);
export type SimArrivals = z.infer<typeof SimArrivals>;

export const SimShift = z.object({
  /** on duty from this hour of the day… */
  fromHour: z.number().min(0).max(24),
  /** …to this one; earlier than fromHour means across midnight */
  toHour: z.number().min(0).max(24),
});
export type SimShift = z.infer<typeof SimShift>;

export const SimUnit = z.object({
  id: SimId,
  agencyId: SimId,
  postAreaId: SimId,
  /** daily duty windows; none means always on duty */
  shifts: z.array(SimShift).max(24).optional(),
});
export type SimUnit = z.infer<typeof SimUnit>;

export const SimTravel = z.discriminatedUnion('kind', [
  // seconds from a post in row's district to an incident in column's, in the order of `areas`
  z.object({ kind: z.literal('matrix'), seconds: z.array(z.array(Seconds)) }),
  // seconds within each district; between two districts, the sum of both
  z.object({ kind: z.literal('means'), meanS: z.record(z.string(), Seconds) }),
]);
export type SimTravel = z.infer<typeof SimTravel>;

export const SimTransfer = z.object({
  /** share of incidents first received by an agency that does not own their district */
  share: z.number().min(0).max(1),
  delay: SimDuration,
});
export type SimTransfer = z.infer<typeof SimTransfer>;

export const SimPostMove = z.object({ unitId: SimId, postAreaId: SimId });
export type SimPostMove = z.infer<typeof SimPostMove>;

export const SimulationScenario = z
  .object({
    horizonDays: z.number().finite().positive({ message: 'must be greater than 0' }).max(36_500),
    /** incidents reported before this are simulated but not counted, so the start's empty queues do not flatter the figures */
    warmupDays: z.number().finite().nonnegative().default(0),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    policy: SimulationPolicy.default('joint'),
    agencies: z.array(SimAgency).min(1, { message: 'there must be at least one agency' }).max(SIMULATION_LIMITS.units),
    areas: z.array(SimArea).min(1, { message: 'there must be at least one district' }).max(SIMULATION_LIMITS.areas),
    categories: z.array(SimCategory).min(1, { message: 'there must be at least one category' }).max(SIMULATION_LIMITS.categories),
    arrivals: SimArrivals,
    units: z.array(SimUnit).min(1, { message: 'there must be at least one unit' }).max(SIMULATION_LIMITS.units),
    travel: SimTravel,
    transfer: SimTransfer.default({ share: 0, delay: { kind: 'fixed', s: 0 } }),
    /** posts proposed instead of the current ones, used by `joint_optimised_posts` */
    alternativePosts: z.array(SimPostMove).max(SIMULATION_LIMITS.units).default([]),
  })
  .superRefine((sc, ctx) => {
    const issue = (path: Array<string | number>, message: string, zh: string) => ctx.addIssue({ code: 'custom', path, message, params: { zh } });
    let problems = 0;
    // a systematic mistake would otherwise bury the first lines under thousands
    const report = (path: Array<string | number>, message: string, zh: string) => {
      if (problems++ < 100) issue(path, message, zh);
    };
    const ids = (list: Array<{ id: string }>, field: string, zhWord: string) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.id)) report([field, i, 'id'], `"${x.id}" appears twice`, `${zhWord}“${x.id}”重复出现`);
        seen.add(x.id);
      });
      return seen;
    };
    const agencies = ids(sc.agencies, 'agencies', '单位');
    const areas = ids(sc.areas, 'areas', '辖区');
    const categories = ids(sc.categories, 'categories', '类别');
    const units = ids(sc.units, 'units', '警力');
    sc.areas.forEach((a, i) => {
      if (!agencies.has(a.agencyId)) report(['areas', i, 'agencyId'], `unknown agency "${a.agencyId}"`, `未知单位“${a.agencyId}”`);
    });
    sc.units.forEach((u, i) => {
      if (!agencies.has(u.agencyId)) report(['units', i, 'agencyId'], `unknown agency "${u.agencyId}"`, `未知单位“${u.agencyId}”`);
      if (!areas.has(u.postAreaId)) report(['units', i, 'postAreaId'], `unknown district "${u.postAreaId}"`, `未知辖区“${u.postAreaId}”`);
    });
    sc.alternativePosts.forEach((m, i) => {
      if (!units.has(m.unitId)) report(['alternativePosts', i, 'unitId'], `unknown unit "${m.unitId}"`, `未知警力“${m.unitId}”`);
      if (!areas.has(m.postAreaId)) report(['alternativePosts', i, 'postAreaId'], `unknown district "${m.postAreaId}"`, `未知辖区“${m.postAreaId}”`);
    });
    if (sc.policy === 'joint_optimised_posts' && sc.alternativePosts.length === 0) {
      issue(['alternativePosts'], 'the policy joint_optimised_posts needs the proposed posts', '“联动+优化岗位”策略须给出拟议岗位');
    }
    if (sc.warmupDays >= sc.horizonDays) issue(['warmupDays'], 'the warm-up must be shorter than the horizon', '预热期须短于仿真时长');
    const checkRef = (path: Array<string | number>, categoryId: string, areaId: string) => {
      if (!categories.has(categoryId)) report([...path, 'categoryId'], `unknown category "${categoryId}"`, `未知类别“${categoryId}”`);
      if (!areas.has(areaId)) report([...path, 'areaId'], `unknown district "${areaId}"`, `未知辖区“${areaId}”`);
    };
    if (sc.arrivals.kind === 'rates') {
      let perDay = 0;
      sc.arrivals.rates.forEach((r, i) => {
        checkRef(['arrivals', 'rates', i], r.categoryId, r.areaId);
        perDay += typeof r.perHour === 'number' ? r.perHour * 24 : r.perHour.reduce((a, b) => a + b, 0);
      });
      const expected = perDay * sc.horizonDays;
      if (expected > SIMULATION_MAX_INCIDENTS) {
        issue(
          ['horizonDays'],
          `the scenario implies about ${expected.toExponential(1)} incidents (rates × horizon); at most ${SIMULATION_MAX_INCIDENTS.toExponential(0)} can be simulated`,
          `该情景约有 ${expected.toExponential(1)} 起警情（发生率 × 时长），至多可仿真 ${SIMULATION_MAX_INCIDENTS.toExponential(0)} 起`,
        );
      }
      if (perDay === 0) issue(['arrivals', 'rates'], 'every rate is 0: nothing would happen', '发生率全为 0，无警情可仿真');
    } else {
      sc.arrivals.incidents.forEach((x, i) => checkRef(['arrivals', 'incidents', i], x.categoryId, x.areaId));
    }
    if (sc.travel.kind === 'matrix') {
      const m = sc.travel.seconds;
      if (m.length !== sc.areas.length) issue(['travel', 'seconds'], `needs ${sc.areas.length} rows, one per district in the order of areas; has ${m.length}`, `须有 ${sc.areas.length} 行（按 areas 顺序每辖区一行），实有 ${m.length} 行`);
      m.forEach((row, i) => {
        if (row.length !== sc.areas.length) report(['travel', 'seconds', i], `needs ${sc.areas.length} columns; has ${row.length}`, `须有 ${sc.areas.length} 列，实有 ${row.length} 列`);
      });
    } else {
      for (const a of sc.areas) if (!(a.id in sc.travel.meanS)) report(['travel', 'meanS', a.id], `no travel time for district "${a.id}"`, `缺少辖区“${a.id}”的出警时间`);
      for (const id of Object.keys(sc.travel.meanS)) if (!areas.has(id)) report(['travel', 'meanS', id], `unknown district "${id}"`, `未知辖区“${id}”`);
    }
  });
export type SimulationScenario = z.infer<typeof SimulationScenario>;
export type SimulationScenarioInput = z.input<typeof SimulationScenario>;

/** Response figures of one group of incidents (all, a category, a district). */
export const SimResponseStats = z.object({
  incidents: z.number(),
  /** report → first unit on scene, seconds (to the second below two hours, within 1% above) */
  p50S: z.number().nullable(),
  p90S: z.number().nullable(),
  meanS: z.number().nullable(),
  withinLimitShare: z.number().nullable(),
  /** from when the incident could be dispatched (after any transfer) to dispatch */
  meanQueueWaitS: z.number().nullable(),
  waitProbability: z.number().nullable(),
  transferred: z.number(),
  meanTransferDelayS: z.number().nullable(),
});
export type SimResponseStats = z.infer<typeof SimResponseStats>;

export const SimUnitStats = z.object({
  unitId: z.string(),
  agencyId: z.string(),
  postAreaId: z.string(),
  dispatches: z.number(),
  busyS: z.number(),
  dutyS: z.number(),
  /** busy time over duty time in the counted window (may pass 1 with overtime at shift ends) */
  utilisation: z.number().nullable(),
});
export type SimUnitStats = z.infer<typeof SimUnitStats>;

export const SimulationResult = z.object({
  policy: SimulationPolicy,
  seed: z.number(),
  horizonDays: z.number(),
  warmupDays: z.number(),
  overall: SimResponseStats,
  byCategory: z.array(SimResponseStats.extend({ categoryId: z.string() })),
  byArea: z.array(SimResponseStats.extend({ areaId: z.string() })),
  units: z.array(SimUnitStats),
  agencies: z.array(z.object({ agencyId: z.string(), units: z.number(), dispatches: z.number(), utilisation: z.number().nullable() })),
  counts: z.object({ generated: z.number(), counted: z.number(), transferred: z.number(), waited: z.number(), events: z.number() }),
});
export type SimulationResult = z.infer<typeof SimulationResult>;
