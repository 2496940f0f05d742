import { formatMileage, type PlaceHit, type PlaceSearchResult } from '@railjoint/contracts';
import type { NetworkService } from '../network/service.js';
import { NetworkError, type NetworkModel } from '../network/network-model.js';
import type { OrganisationService } from '../organisation/service.js';
import { parseMileageText } from './mileage-text.js';
import { PlaceIndex } from './place-index.js';

/** A text naming a line may match several ("柳" matches 湘桂线 and 焦柳线); a mileage is looked up on at most this many. */
const MAX_MILEAGE_LINES = 3;

/**
 * Search for the places callers name. The index is built on the first search after the network or
 * the organisation changed (both are swapped whole on import, so their identity says when).
 */
export class PlaceSearch {
  private cached: { model: NetworkModel; org: object; index: PlaceIndex } | null = null;

  constructor(
    private readonly network: NetworkService,
    private readonly organisation: OrganisationService,
  ) {}

  index(): PlaceIndex {
    const model = this.network.current();
    const org = this.organisation.document();
    if (!this.cached || this.cached.model !== model || this.cached.org !== org) this.cached = { model, org, index: new PlaceIndex(model, org) };
    return this.cached.index;
  }

  search(q: string, opts: { lineId?: string; limit: number; lang?: 'zh-CN' | 'en' }): PlaceSearchResult {
    const index = this.index();
    const parsed = parseMileageText(q, (letters) => index.isPrefix(letters));
    const named = index.match(q, opts.limit);
    if (parsed.kind === 'none') return { hits: named, hint: null, errors: [] };
    if (parsed.kind === 'bad') return { hits: named, hint: named.length ? null : { code: 'bad_mileage' }, errors: [] };
    const lines = parsed.lineText ? index.matchLines(parsed.lineText).map((l) => l.id) : opts.lineId && index.model.line(opts.lineId) ? [opts.lineId] : [];
    // "K512+300涵洞" is a culvert's name, not a mileage on a line called 涵洞
    if (lines.length === 0) {
      if (named.length) return { hits: named, hint: null, errors: [] };
      return { hits: [], hint: parsed.lineText ? { code: 'unknown_line', lineText: parsed.lineText } : { code: 'need_line' }, errors: [] };
    }
    const hits: PlaceHit[] = [];
    const errors: PlaceSearchResult['errors'] = [];
    for (const lineId of lines.slice(0, MAX_MILEAGE_LINES)) {
      const line = index.model.line(lineId)!;
      const ranges = line.ref.prefixRanges();
      // a bare number takes the prefix whose stretch holds it (a line may change from K to DK)
      const prefix = parsed.prefix ?? (ranges.find((r) => parsed.metres >= r.fromMetres && parsed.metres <= r.toMetres) ?? ranges[0])?.prefix ?? 'K';
      try {
        const at = index.model.position(lineId, formatMileage(parsed.metres, prefix, parsed.decimals));
        at.candidates.forEach((c, i) =>
          hits.push({
            kind: 'mileage',
            key: `mileage:${lineId}:${at.mileage}:${i}`,
            name: `${at.lineName} ${at.mileage}`,
            matched: 'mileage',
            lineId,
            lineName: at.lineName,
            mileage: at.mileage,
            coordinates: c.coordinates,
            ...(c.chain ? { chain: c.chain } : {}),
            ...(c.extrapolated ? { extrapolated: true } : {}),
            n: i + 1,
            count: at.candidates.length,
          }),
        );
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        errors.push({ lineId, lineName: line.name, code: e.code, message: e.said.in(opts.lang ?? 'zh-CN') });
      }
    }
    return { hits: [...hits, ...named].slice(0, Math.max(opts.limit, hits.length)), hint: null, errors };
  }
}
