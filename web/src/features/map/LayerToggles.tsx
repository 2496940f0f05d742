import { useT } from '../../app/i18n/useT';
import { LAYER_GROUPS, type LayerGroup, type LayerVisibility } from './mapLayers';

interface Props {
  layers: LayerVisibility;
  onChange(group: LayerGroup, on: boolean): void;
}

/** The layer switch: closed to a button until wanted, so it never covers the map. */
export function LayerToggles({ layers, onChange }: Props) {
  const { t } = useT();
  return (
    <details className="map-layers" data-testid="map-layers">
      <summary data-testid="map-layers-open">{t('layers.title')}</summary>
      <ul>
        {LAYER_GROUPS.map((g) => (
          <li key={g}>
            <label>
              <input type="checkbox" data-testid={`layer-${g}`} checked={layers[g]} onChange={(e) => onChange(g, e.target.checked)} />
              {t(`layers.${g}`)}
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}
