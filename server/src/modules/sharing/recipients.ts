import type { Distribution } from '@railjoint/contracts';
import type { FieldError } from '../../platform/http/errors.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { NetworkError } from '../network/network-error.js';
import { fieldError } from '../../platform/http/errors.js';

/** Every 500 m along a stretch: closer than any two police ranges or townships meet. */
const STEP_M = 500;
/** A distribution may cover at most this much line: a department is a few thousand km. */
const MAX_TOTAL_M = 5_000_000;

export interface ResolvedRecipients {
  agencyIds: string[];
  /** human descriptions of the stretches, for the CAP areaDesc */
  areaDescriptions: string[];
  errors: FieldError[];
}

/**
 * The agencies a distribution reaches: those named, and every agency with jurisdiction somewhere
 * along each stretch (police station, county bureau, township…), found by walking the stretch and
 * asking the resolver, the same as for an incident there.
 */
export function resolveRecipients(dist: Distribution, network: NetworkService, org: OrganisationService): ResolvedRecipients {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  dist.agencies.forEach((id, i) => {
    if (!org.findAgency(id)) errors.push(fieldError(`body.distribution.agencies[${i}]`, `单位「${id}」不存在`, `unknown agency "${id}"`));
    else ids.add(id);
  });
  const model = network.current();
  const descriptions: string[] = [];
  let total = 0;
  dist.areas.forEach((area, i) => {
    const at = `body.distribution.areas[${i}]`;
    let from: number;
    let to: number;
    let lineName: string;
    try {
      const a = model.position(area.lineId, area.from);
      const b = model.position(area.lineId, area.to);
      from = a.candidates[0]!.measureM;
      to = b.candidates[b.candidates.length - 1]!.measureM;
      lineName = a.lineName;
    } catch (e) {
      if (e instanceof NetworkError) {
        errors.push({ field: e.code === 'unknown_line' ? `${at}.lineId` : `${at}.from`, message: e.said });
        return;
      }
      throw e;
    }
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    total += hi - lo;
    if (total > MAX_TOTAL_M) {
      errors.push(fieldError(at, '分发区域覆盖的线路超过 5000 公里', 'the areas cover more than 5,000 km of line'));
      return;
    }
    descriptions.push(`${lineName} ${area.from}—${area.to}`);
    for (let m = lo; m <= hi + 1; m += STEP_M) {
      const p = model.atMeasure(area.lineId, Math.min(m, hi));
      const [lon, lat] = p.onLine;
      for (const ag of org.resolve({ lon, lat }).jurisdiction) ids.add(ag.agencyId);
    }
  });
  return { agencyIds: [...ids].sort(), areaDescriptions: descriptions, errors };
}
