import { PlaceSearchQuery, PlaceSearchResult } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';
import type { PlaceSearch } from './search.js';

export function placeRoutes(places: PlaceSearch): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/places/search',
      summary:
        'Places callers name: stations, railway police stations, level crossings, bridges, tunnels, culverts, access gates, towns and villages, lines — by Chinese name, pinyin or initials — and loose mileage text ("湘桂 500", "K500+200 湘桂线", "湘桂线500公里"); each with the nearest point of its line',
      tag: 'network',
      access: 'signed-in',
      reads: { reference: 'the railway network and the names of railway police stations' },
      query: PlaceSearchQuery,
      response: PlaceSearchResult,
      handler: async ({ actor, query, lang }) => {
        authorize(actor, 'network.read');
        return places.search(query.q, { lineId: query.lineId, limit: query.limit, lang });
      },
    }),
  ];
}
