/** The demo data generator: a seeded, reproducible department (Liuzhou) or national network. */
export { generateDemo, DEFAULT_SEED, type Demo, type DemoOptions, type DemoScale, type DemoUser } from './generate.js';
