import type { Actor } from '../auth/actor.js';
import { allows, CASE_ROLES, type ReadPolicy } from './grants.js';
import { centreRelation } from './incidents.js';

/** 0 public, 1 internal, 2 restricted, 3 secret. */
export const CLASS_RANK = { public: 0, internal: 1, restricted: 2, secret: 3 } as const;
export type ClassificationName = keyof typeof CLASS_RANK;

export type BulletinRelation = 'sender' | 'centre' | 'recipient';
export type BulletinDims = {
  classification: ClassificationName;
  /** does a current data-sharing agreement from the sender to the reader's agency cover bulletins at this level */
  agreement: 'covers' | 'none';
  /** does the distribution's role list (empty: every role) include one of the reader's roles */
  roleFits: 'yes' | 'no';
};

/**
 * The bulletin rule: the sending agency sees its own; everyone signed in sees public ones; a
 * receiving agency sees internal ones, and restricted or secret ones only under a data-sharing
 * agreement from the sender (secret: commanders only); the distribution's roles narrow who in an
 * agency; the coordination centre's dispatchers and commanders oversee everything up to
 * restricted. SQL states it again in sharing/store.ts `visibleTo`.
 */
export const BULLETIN_READ: ReadPolicy<BulletinRelation, BulletinDims> = {
  resource: 'bulletin',
  summary: 'sender; everyone for public; recipients (role fits) for internal, under an agreement for restricted, commanders under an agreement for secret; the centre’s dispatchers and commanders up to restricted',
  relations: ['sender', 'centre', 'recipient'],
  dimensions: { classification: ['public', 'internal', 'restricted', 'secret'], agreement: ['covers', 'none'], roleFits: ['yes', 'no'] },
  grants: [
    { relation: ['sender'], roles: CASE_ROLES, why: 'the agency sent it' },
    { roles: CASE_ROLES, when: { classification: ['public'] }, why: 'public bulletins reach everyone' },
    { relation: ['centre'], roles: ['dispatcher', 'commander'], when: { classification: ['public', 'internal', 'restricted'] }, why: 'the centre oversees everything below secret' },
    { relation: ['recipient'], roles: CASE_ROLES, when: { classification: ['internal'], roleFits: ['yes'] }, why: 'addressed to the agency and the role' },
    { relation: ['recipient'], roles: CASE_ROLES, when: { classification: ['restricted'], roleFits: ['yes'], agreement: ['covers'] }, why: 'addressed to the agency under a data-sharing agreement' },
    { relation: ['recipient'], roles: ['commander'], when: { classification: ['secret'], roleFits: ['yes'], agreement: ['covers'] }, why: 'secret: the recipient’s commanders, under an agreement' },
  ],
};

export type BulletinFileDims = BulletinDims & {
  /** does a current data-sharing agreement from the sender cover attachments at this level */
  files: 'covers' | 'none';
};

/**
 * A bulletin's attachments (photographs, scanned notices) follow the bulletin, except that a
 * restricted or secret one's files also need the agreement to cover attachments: an agency may
 * be allowed the text of a notice and not the photograph of a person.
 */
export const BULLETIN_FILE_READ: ReadPolicy<BulletinRelation, BulletinFileDims> = {
  resource: 'bulletin_file',
  summary: 'as the bulletin, and for restricted and secret ones only under an agreement that covers attachments',
  relations: BULLETIN_READ.relations,
  dimensions: { ...BULLETIN_READ.dimensions, files: ['covers', 'none'] },
  grants: BULLETIN_READ.grants.map((g) => (g.relation?.includes('recipient') && g.when?.agreement ? { ...g, when: { ...g.when, files: ['covers'] } } : g)),
};

/** What decides whether a user sees a bulletin, as facts about the user, for the SQL filter. */
export interface BulletinAccess {
  agencyId: string;
  roles: readonly string[];
  /** the grants without a relation (public) apply to this reader */
  anyPublic: boolean;
  /** the sender grant applies to this reader's roles */
  senderSees: boolean;
  /** highest rank the centre's oversight reaches for this reader, or -1 */
  centreUpTo: number;
  /** highest rank a recipient with an agreement reaches for this reader's roles, or 0 when none */
  recipientUpTo: number;
}

const RANKS = Object.keys(CLASS_RANK) as ClassificationName[];
const dims = (classification: ClassificationName, agreement: 'covers' | 'none' = 'covers'): BulletinDims => ({ classification, agreement, roleFits: 'yes' });

/** The reader's facts for the SQL filter, read off the grants rather than restated. */
export function bulletinAccess(actor: Actor): BulletinAccess {
  const top = (relations: BulletinRelation[]) => Math.max(-1, ...RANKS.filter((c) => allows(BULLETIN_READ, actor.roles, { relations, dims: dims(c) })).map((c) => CLASS_RANK[c]));
  return {
    agencyId: actor.agencyId,
    roles: actor.roles,
    anyPublic: allows(BULLETIN_READ, actor.roles, { relations: [], dims: dims('public') }),
    senderSees: allows(BULLETIN_READ, actor.roles, { relations: ['sender'], dims: dims('secret', 'none') }),
    centreUpTo: centreRelation(actor).length ? top(['centre']) : -1,
    recipientUpTo: top(['recipient']),
  };
}

export interface BulletinFacts {
  classification: ClassificationName;
  senderAgencyId: string;
  /** the distribution's roles; empty for every role */
  roles: readonly string[];
  recipient: boolean;
  agreementCovers: boolean;
}

export function canSeeBulletin(actor: Actor, b: BulletinFacts): boolean {
  const relations: BulletinRelation[] = [...centreRelation(actor)];
  if (b.senderAgencyId === actor.agencyId) relations.push('sender');
  if (b.recipient) relations.push('recipient');
  const roleFits = b.roles.length === 0 || actor.roles.some((r) => b.roles.includes(r)) ? 'yes' : 'no';
  return allows(BULLETIN_READ, actor.roles, { relations, dims: { classification: b.classification, agreement: b.agreementCovers ? 'covers' : 'none', roleFits } });
}

/** Who may publish bulletins, and who may acknowledge them for their agency. */
export function canPublishBulletin(actor: Actor): boolean {
  return actor.roles.some((r) => r === 'dispatcher' || r === 'commander' || r === 'admin');
}
