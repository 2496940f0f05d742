import type { AgencyRef, TrainWhereabouts } from '@railjoint/contracts';
import { stationDisplayName } from '@railjoint/contracts';

export interface HandoverOption {
  stationId: string;
  name: string;
  arrival: string;
  /** seconds between now and the train's arrival: the time the station's police have to get ready */
  leadTimeS: number;
  police: AgencyRef | null;
  county: AgencyRef | null;
  feasible: boolean;
}

export interface HandoverProposal {
  train: string;
  proposed: HandoverOption | null;
  options: HandoverOption[];
  reason: { zh: string; en: string };
}

/** Police need this long to reach the platform and meet a train (configurable by the caller). */
export const DEFAULT_MIN_LEAD_S = 600;

/**
 * The handover station ahead (前方站交接): the first station the train still calls at that leaves
 * the station's police enough time to meet it, and has a police station responsible for it.
 */
export function proposeHandover(w: Pick<TrainWhereabouts, 'train' | 'nextStops' | 'state'>, now: Date, minLeadS = DEFAULT_MIN_LEAD_S): HandoverProposal {
  const options: HandoverOption[] = w.nextStops
    .filter((s) => s.stationId !== null)
    .map((s) => {
      const leadTimeS = Math.round((Date.parse(s.arrival) - now.getTime()) / 1000);
      const police = s.jurisdiction.find((a) => a.type === 'railway_police_station') ?? null;
      const county = s.jurisdiction.find((a) => a.type === 'county_police_bureau') ?? null;
      return { stationId: s.stationId!, name: stationDisplayName(s.name), arrival: s.arrival, leadTimeS, police, county, feasible: leadTimeS >= minLeadS && police !== null };
    });
  const proposed = options.find((o) => o.feasible) ?? null;
  const minutes = Math.round(minLeadS / 60);
  const reason = proposed
    ? {
        zh: `${w.train} 次列车 ${Math.round(proposed.leadTimeS / 60)} 分钟后到达${proposed.name}，${proposed.police!.name}有不少于 ${minutes} 分钟的准备时间`,
        en: `${w.train} reaches ${proposed.name} in ${Math.round(proposed.leadTimeS / 60)} min, leaving ${proposed.police!.name} at least ${minutes} min to meet it`,
      }
    : w.state === 'not_running'
      ? { zh: `${w.train} 次列车此时不在运行`, en: `${w.train} is not running at this time` }
      : { zh: `前方没有能在 ${minutes} 分钟以上后到达且有派出所负责的车站`, en: `no station ahead is at least ${minutes} min away with a police station responsible for it` };
  return { train: w.train, proposed, options, reason };
}
