import type { PersonalColumn } from './platform/crypto/reseal.js';

/**
 * Every column that holds personal data (a caller's name and phone, a team member's phone and
 * identity number, a public reporter's contact), sealed with SM4 at rest. A module that stores
 * personal data adds its columns here, so a key rotation re-seals them all
 * (`railjoint keys reseal`) and start-up seals rows written before sealing began.
 */
export const PERSONAL_COLUMNS: readonly PersonalColumn[] = [
  { table: 'incidents', key: 'id', column: 'reporter' },
  // team members' and public reporters' personal data (modules/patrols/personal-data.ts)
  { table: 'personal_records', key: 'id', column: 'data' },
  // section chiefs' phones (modules/hazards/section-chiefs.ts)
  { table: 'section_chiefs', key: 'id', column: 'railway_phone' },
  { table: 'section_chiefs', key: 'id', column: 'local_phone' },
];
