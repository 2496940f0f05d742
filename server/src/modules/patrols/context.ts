import type { Db } from '../../platform/db/database.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import type { OrganisationService } from '../organisation/service.js';
import type { NetworkService } from '../network/service.js';
import type { VerifyRules } from './verify-check-in.js';
import type { PersonalRecords } from './personal-data.js';

/** What every civil-defence service works with. */
export interface PatrolContext {
  db: Db;
  org: OrganisationService;
  network: NetworkService;
  /** told after a commit that wrote events (the command line's is left for the server's relay to find) */
  outbox: Pick<OutboxRelay, 'kick'>;
  /** signs checkpoint codes (checkpoint-key.ts) */
  key: Buffer;
  rules: VerifyRules;
  /** no movement reported for this long raises a welfare alert */
  welfareS: number;
  /** members' and reporters' personal data, sealed */
  personal: PersonalRecords;
}

export const parseJson = <T>(text: string | null): T => (text === null ? (null as T) : (JSON.parse(text) as T));
export const flag = (b: boolean) => (b ? 1 : 0);
