/** One palette for the map layers and the legend, so the two cannot drift apart. */
export const COLOURS = {
  background: '#f3f2ee',
  highSpeed: '#c8283c',
  conventional: '#24324a',
  casing: '#ffffff',
  station: '#ffffff',
  stationStroke: '#24324a',
  site: '#d98a12',
  countyFill: '#dfe7f2',
  countyLine: '#7f93b0',
  townshipFill: '#eef2f7',
  townshipLine: '#a9b6c8',
  pick: '#e8590c',
  kmPost: '#4a5a73',
  train: '#0b7285',
} as const;

/** An optional basemap under the network: pale, so the railway stays what the eye sees first. */
export const BASEMAP_COLOURS = {
  earth: '#f3f2ee',
  green: '#e3ecd9',
  landuse: '#ecebe4',
  water: '#cfdfec',
  building: '#e2dfd8',
  minorRoad: '#ffffff',
  majorRoad: '#fbf3dc',
  highway: '#f6e2b3',
  boundary: '#b8b3c8',
} as const;

/** Incident markers and badges: red, orange, amber, grey-blue from the most to the least urgent. */
export const PRIORITY_COLOURS = {
  P1: '#c8283c',
  P2: '#e8590c',
  P3: '#c99a06',
  P4: '#5b6b82',
} as const;

/** Unit squares and status chips: green free, blue sent, violet moving, orange at work, grey away. */
export const UNIT_STATUS_COLOURS = {
  available: '#2f9e44',
  dispatched: '#1f6fd1',
  en_route: '#7048e8',
  on_scene: '#e8590c',
  busy: '#c99a06',
  off_duty: '#8a94a6',
} as const;
