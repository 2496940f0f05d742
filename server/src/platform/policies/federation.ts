import type { Actor } from '../auth/actor.js';
import { allows, CENTRE_STAFF, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

export type FederationRelation = 'centre';

/**
 * What other nodes send is read at the coordination centre of the node it reached. A bureau's
 * centre oversees its departments as a department's centre oversees its own incidents, so the
 * same staff read the departments' incident summaries and figures and watch the links; a
 * department's centre watches its own link to the bureau. The agencies below a centre (police
 * stations, county bureaus, villages) work their own cases and see none of this: what is
 * addressed to them arrives as an ordinary bulletin of their own node.
 */
export const FEDERATION_NODE_READ: ReadPolicy<FederationRelation, Record<string, never>> = {
  resource: 'federation_node',
  summary: 'the centre’s staff and administrators: the other nodes, their links and their figures',
  relations: ['centre'],
  dimensions: {},
  grants: [{ relation: ['centre'], roles: CENTRE_STAFF, why: 'the coordination centre watches the links and the departments’ figures' }],
};

/** A department's incident as summarised for the bureau: no description, no reporter. */
export const FEDERATED_INCIDENT_READ: ReadPolicy<FederationRelation, Record<string, never>> = {
  resource: 'federated_incident',
  summary: 'the centre’s staff and administrators (summaries without personal data)',
  relations: ['centre'],
  dimensions: {},
  grants: [{ relation: ['centre'], roles: CENTRE_STAFF, why: 'the bureau’s centre oversees its departments’ incidents' }],
};

/**
 * Bulletins crossing nodes, with who acknowledged them where: the traffic between nodes, read by
 * those who route information between agencies (as data-sharing agreements are), the centre's
 * dispatchers and commanders. The bulletin itself is read under the bulletin rule on each node.
 */
export const FEDERATED_BULLETIN_READ: ReadPolicy<FederationRelation, Record<string, never>> = {
  resource: 'federated_bulletin',
  summary: 'the centre’s dispatchers and commanders (and administrators): bulletins between nodes and their receipts',
  relations: ['centre'],
  dimensions: {},
  grants: [{ relation: ['centre'], roles: ['dispatcher', 'commander', 'admin'], why: 'the centre routes information between nodes' }],
};

const read = (policy: ReadPolicy<FederationRelation, Record<string, never>>) => (actor: Actor) => allows(policy, actor.roles, { relations: centreRelation(actor), dims: {} });

/** None of these depend on the item: a reader sees all of a kind or none of it. */
export const canReadFederationNodes = read(FEDERATION_NODE_READ);
export const canReadFederatedIncidents = read(FEDERATED_INCIDENT_READ);
export const canReadFederatedBulletins = read(FEDERATED_BULLETIN_READ);
