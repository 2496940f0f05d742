import type { ChainInfo, LonLat } from '@railjoint/contracts';
import type { Bounds } from '../map/mapFeatures';

export type SearchHit =
  | { kind: 'station'; key: string; id: string; name: string; telecode: string | null; lineNames: string[]; coordinates: LonLat }
  | { kind: 'line'; key: string; id: string; name: string; highSpeed: boolean; bounds: Bounds | null }
  | {
      kind: 'mileage';
      key: string;
      lineId: string;
      lineName: string;
      mileage: string;
      coordinates: LonLat;
      chain?: ChainInfo;
      /** which of `count` candidates: a long chain makes one mileage name two places */
      n: number;
      count: number;
    };
