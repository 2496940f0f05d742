import { makeTemplate } from './demo-template.js';

/** Once per test run, before any test file: the demo department every app may start from a copy of. */
export default async function setup(): Promise<() => Promise<void>> {
  const { drop } = await makeTemplate();
  return drop;
}
