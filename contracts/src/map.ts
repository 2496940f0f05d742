import { z } from 'zod';

/**
 * What the console's map draws under the network (GET /api/map/config): nothing (the schematic
 * map from our own data, the default), a PMTiles archive this server serves, or a style on a tile
 * server of the department's own. Either works on a closed network: nothing comes from outside.
 */
export const MapConfig = z.object({
  basemap: z.discriminatedUnion('kind', [z.object({ kind: z.literal('pmtiles'), url: z.string() }), z.object({ kind: z.literal('style'), url: z.string() })]).nullable(),
});
export type MapConfig = z.infer<typeof MapConfig>;
