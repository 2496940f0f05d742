/** What the layer switch turns on and off, in the order it lists them. */
export const LAYER_GROUPS = ['areas', 'incidents', 'units', 'sites', 'kmPosts', 'trains', 'devices', 'windows', 'hazards', 'space', 'risk', 'posts'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];
export type LayerVisibility = Record<LayerGroup, boolean>;

export const ALL_LAYERS: LayerVisibility = { areas: true, incidents: true, units: true, sites: true, kmPosts: true, trains: true, devices: true, windows: true, hazards: true, space: true, risk: false, posts: false };

/** The style's own layers each group stands for; markers and HTML labels are hidden by a class instead. */
export const STYLE_LAYERS: Partial<Record<LayerGroup, string[]>> = {
  areas: ['areas-fill', 'township-outline', 'county-outline'],
  sites: ['site-lines', 'site-points'],
  kmPosts: ['km-ticks'],
};

const KEY = 'railjoint.mapLayers';

/** The workstation's choice, kept across reloads and sign-ins; a group added later starts shown. */
export function loadLayers(): LayerVisibility {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<string, unknown>>;
    // the risk heat and the post plan start hidden: they paint over the lines, and not everyone may read them
    return Object.fromEntries(LAYER_GROUPS.map((g) => [g, g === 'risk' || g === 'posts' ? saved[g] === true : saved[g] !== false])) as LayerVisibility;
  } catch {
    return { ...ALL_LAYERS };
  }
}

export function saveLayers(layers: LayerVisibility): void {
  localStorage.setItem(KEY, JSON.stringify(layers));
}
