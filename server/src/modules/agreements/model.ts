import type { CooperationAgreementInput, CooperationAgreementStatus, ObligationKind } from '@railjoint/contracts';

/**
 * The rules of cooperation agreements, pure: what is wrong with one, its status on a day, what
 * lies in its scope, a Beijing month's bounds, and how an obligation is judged from what was
 * counted.
 */
export interface FieldProblem {
  field: string;
  zh: string;
  en: string;
}

export interface PlacedLine {
  lineId: string;
  from: string;
  to: string;
  fromM: number;
  toM: number;
}

const AREA_TYPES = ['county_police_bureau', 'township'];
const NEEDS_LIMIT: ObligationKind[] = ['response_time', 'bulletin_ack'];

/**
 * Every problem of an agreement but its mileages (the network's to judge): parties unknown or
 * twice, areas that are not counties or townships, obligations owed by someone not party or with
 * a share above 100 % or no time limit where one is needed, dates the wrong way round, and a scope
 * with neither lines nor areas.
 */
export function agreementProblems(input: CooperationAgreementInput, agencyType: (id: string) => string | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  input.parties.forEach((p, i) => {
    if (!agencyType(p)) out.push({ field: `body.parties[${i}]`, zh: `单位 ${p} 不存在`, en: `unknown agency ${p}` });
    if (seen.has(p)) out.push({ field: `body.parties[${i}]`, zh: `${p} 重复`, en: `${p} is listed twice` });
    seen.add(p);
  });
  if (seen.size < 2) out.push({ field: 'body.parties', zh: '协议至少要有两个不同的单位', en: 'an agreement needs two different agencies at least' });
  input.scope.areas.forEach((a, i) => {
    const type = agencyType(a);
    if (!type) out.push({ field: `body.scope.areas[${i}]`, zh: `单位 ${a} 不存在`, en: `unknown agency ${a}` });
    else if (!AREA_TYPES.includes(type)) out.push({ field: `body.scope.areas[${i}]`, zh: '区域以县（区）公安局或乡镇（街道）的辖区表示', en: 'an area is the jurisdiction of a county or a township' });
  });
  if (!input.scope.lines.length && !input.scope.areas.length) out.push({ field: 'body.scope', zh: '须指定线路里程范围或区域', en: 'name a stretch of line or an area' });
  input.obligations.forEach((o, i) => {
    if (!seen.has(o.partyAgencyId)) out.push({ field: `body.obligations[${i}].partyAgencyId`, zh: '责任单位须是协议一方', en: 'must be a party to the agreement' });
    if (o.kind !== 'patrol_hours' && o.target > 100) out.push({ field: `body.obligations[${i}].target`, zh: '比例目标不能超过 100%', en: 'a share cannot exceed 100 %' });
    if (NEEDS_LIMIT.includes(o.kind) && o.limitMin === undefined) out.push({ field: `body.obligations[${i}].limitMin`, zh: '须给出时限（分钟）', en: 'a time limit in minutes is needed' });
  });
  if (input.validTo < input.validFrom) out.push({ field: 'body.validTo', zh: '有效期止须不早于起始日', en: 'must not be before validFrom' });
  return out;
}

/** Draft until signed; then in force to the last day of its validity, and expired after it. */
export function statusOn(day: string, a: { signedAt: string | null; validTo: string }): CooperationAgreementStatus {
  if (!a.signedAt) return 'draft';
  return day > a.validTo ? 'expired' : 'in_force';
}

/** Whether a place (a line and metres, and the counties and townships it lies in) is in the scope. */
export function inScope(scope: { lines: readonly PlacedLine[]; areas: readonly string[] }, place: { lineId: string | null; m: number | null; areas: readonly (string | null)[] }): boolean {
  if (place.lineId !== null && place.m !== null && scope.lines.some((l) => l.lineId === place.lineId && place.m! >= l.fromM && place.m! <= l.toM)) return true;
  return place.areas.some((a) => a !== null && scope.areas.includes(a));
}

/** A Beijing calendar month as UTC instants: [from, to). */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1) - 8 * 3_600_000;
  const end = Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3_600_000;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** Hours of a patrol inside the month (an open patrol counts up to now). */
export function hoursWithin(startedAt: string, finishedAt: string | null, bounds: { from: string; to: string }, nowIso: string): number {
  const s = Math.max(Date.parse(startedAt), Date.parse(bounds.from));
  const e = Math.min(Date.parse(finishedAt ?? nowIso), Date.parse(bounds.to));
  return e > s ? (e - s) / 3_600_000 : 0;
}

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * An obligation judged: hours against the target, or the share within against the target share.
 * With nothing to count a share is unknown (null), not met or failed: no incident in scope is no
 * evidence of slow response.
 */
export function judge(kind: ObligationKind, target: number, counted: { hours?: number; total: number; within: number }): { value: number | null; met: boolean | null } {
  if (kind === 'patrol_hours') {
    const value = round1(counted.hours ?? 0);
    return { value, met: value >= target };
  }
  if (!counted.total) return { value: null, met: null };
  const value = round1((100 * counted.within) / counted.total);
  return { value, met: value >= target };
}
