import { generateDemoAgreements } from './agreements.js';
import type { NetworkGeoJSON, OrganisationDocument } from '@railjoint/contracts';
import { DEPARTMENT_LINES, DEPARTMENT_STATIONS } from './corridors.js';
import { buildNetwork, toGeoJSON } from './network.js';
import { buildDepartmentOrganisation } from './organisation.js';
import { buildNational } from './national.js';
import { demoPlaces } from './places.js';
import { createRng } from './prng.js';
import { buildUsers, type DemoUser } from './users.js';

export type { DemoUser } from './users.js';

export type DemoScale = 'department' | 'national';

export interface DemoOptions {
  seed?: number;
  scale?: DemoScale;
}

export interface Demo {
  network: NetworkGeoJSON;
  organisation: OrganisationDocument;
  users: DemoUser[];
}

/** The seed used when none is given: the Liuzhou area code, so the default demo is always the same. */
export const DEFAULT_SEED = 772;

/**
 * Generates the demo data set: the "department" scale is the Liuzhou railway public security
 * department of the study (about 1,300 km of line, real place names, synthetic geometry); the
 * "national" scale is a synthetic network of more than 100,000 km across China for load tests.
 * The output depends only on the options: the same seed always gives byte-identical JSON.
 */
export function generateDemo(options: DemoOptions = {}): Demo {
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = createRng(seed);
  if ((options.scale ?? 'department') === 'national') return buildNational(rng);
  const net = buildNetwork(DEPARTMENT_LINES, DEPARTMENT_STATIONS, rng.fork('network'));
  const org = buildDepartmentOrganisation(net, rng.fork('organisation'));
  const network = toGeoJSON(net);
  network.features.push(...demoPlaces(net, rng.fork('places')));
  const organisation = { ...org.organisation, agreements: generateDemoAgreements(network, org.organisation) };
  return { network, organisation, users: buildUsers(org.roster) };
}
