import { useEffect, useMemo } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { NetworkGeoJSON } from '@railjoint/contracts';
import { platformNow } from '../../api/platformClock';
import { useDevices } from './deviceApi';
import { lineParts } from './lineSlice';
import { addDefenceLayers, DEVICE_LAYERS, DEVICE_SOURCE, deviceFeatures, setDefenceData, setDefenceVisible, WINDOW_LAYERS, WINDOW_SOURCE, windowFeatures } from './defenceLayers';
import { useWindows } from '../maintenance/windowApi';

/** The hours of windows the map shows: those open now and those starting within the day. */
function mapWindowSpan(): { from: string; to: string } {
  const hour = Math.floor(platformNow() / 3600_000) * 3600_000;
  return { from: new Date(hour).toISOString(), to: new Date(hour + 24 * 3600_000).toISOString() };
}

/**
 * Technical defence on any map of the console: devices in their health colours (linear sensors
 * along their stretch, cameras with their field of view) and maintenance windows (天窗) along
 * theirs, each switched by the layer switch and kept current by the live channel.
 */
export function useDefenceLayers(map: MaplibreMap | null, network: NetworkGeoJSON | null, show: { devices: boolean; windows: boolean }): void {
  const devices = useDevices();
  const span = useMemo(mapWindowSpan, []);
  const windows = useWindows(span.from, span.to);
  const lines = useMemo(() => (network ? lineParts(network) : null), [network]);

  useEffect(() => {
    if (!map) return;
    addDefenceLayers(map);
  }, [map]);
  useEffect(() => {
    if (map && lines && devices.data) setDefenceData(map, DEVICE_SOURCE, deviceFeatures(devices.data, lines));
  }, [map, lines, devices.data]);
  useEffect(() => {
    if (map && lines && windows.data) setDefenceData(map, WINDOW_SOURCE, windowFeatures(windows.data.windows, lines));
  }, [map, lines, windows.data]);
  useEffect(() => {
    if (!map) return;
    setDefenceVisible(map, DEVICE_LAYERS, show.devices);
    setDefenceVisible(map, WINDOW_LAYERS, show.windows);
  }, [map, show.devices, show.windows]);
}
