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
} as const;
