import { useT } from '../../app/i18n/useT';
import { LAYER_GROUPS, type LayerGroup, type LayerVisibility } from './mapLayers';
import { useSignedInUser } from '../../app/signedInUser';
import { useMayReadRisk } from '../risk/riskApi';
import { mayReadSpace } from '../defensible-space/spaceApi';

interface Props {
  layers: LayerVisibility;
  onChange(group: LayerGroup, on: boolean): void;
}

/** The layer switch: closed to a button until wanted, so it never covers the map. */
export function LayerToggles({ layers, onChange }: Props) {
  const { t } = useT();
  const user = useSignedInUser();
  // layers the user may not read are not offered (they would draw nothing)
  const mayRisk = useMayReadRisk(user);
  const offered = LAYER_GROUPS.filter((g) => (g === 'risk' || g === 'posts' ? mayRisk : g === 'space' ? !!user && mayReadSpace(user) : true));
  return (
    <details className="map-layers" data-testid="map-layers">
      <summary data-testid="map-layers-open">{t('layers.title')}</summary>
      <ul>
        {offered.map((g) => (
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
