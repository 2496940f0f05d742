export * from './options.js';
export * from './briefing-charts.js';
export * from './sfic-charts.js';
export * from './what-if-charts.js';
