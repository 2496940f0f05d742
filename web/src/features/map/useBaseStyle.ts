import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { StyleSpecification } from 'maplibre-gl';
import { MapConfig } from '@railjoint/contracts';
import { request } from '../../api/client';
import { baseStyle } from './mapStyle';
import { withBasemap } from './basemap';

/**
 * The style the map starts with: asked once per sign-in (GET /api/map/config). A basemap that
 * cannot be reached leaves the schematic map, which needs nothing but our own data.
 */
export function useBaseStyle(): StyleSpecification | null {
  const config = useQuery({ queryKey: ['map-config'], queryFn: ({ signal }) => request('GET', '/api/map/config', { schema: MapConfig, signal }), staleTime: Infinity, retry: false });
  const [style, setStyle] = useState<StyleSpecification | null>(null);
  const basemap = config.data?.basemap;
  const settled = config.isSuccess || config.isError;
  useEffect(() => {
    if (!settled) return;
    let live = true;
    withBasemap(baseStyle(), basemap ?? null).then(
      (s) => live && setStyle(s),
      () => live && setStyle(baseStyle()),
    );
    return () => {
      live = false;
    };
  }, [settled, basemap]);
  return style;
}
