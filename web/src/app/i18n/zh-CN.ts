/**
 * The reference catalogue, assembled from each feature's own texts (the i18n.ts beside each feature), so
 * adding a screen never means editing one shared file. `en.ts` is assembled the same way and each
 * feature's English is typed against its Chinese, so a key without its twin fails the type check.
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
import * as core from './core';
import * as vocabulary from './vocabulary';
import * as signin from '../../features/signin/i18n';
import * as map from '../../features/map/i18n';
import * as search from '../../features/search/i18n';
import * as locationPanel from '../../features/location-panel/i18n';
import * as incidents from '../../features/incidents/i18n';
import * as dispatch from '../../features/dispatch/i18n';
import * as units from '../../features/units/i18n';
import * as mobile from '../../features/mobile/i18n';
import * as command from '../../features/command/i18n';
import * as reports from '../../features/reports/i18n';
import * as messages from '../../features/messages/i18n';
import * as duty from '../../features/duty/i18n';
import * as bulletins from '../../features/bulletins/i18n';
import * as sharingAdmin from '../../features/sharing-admin/i18n';
import * as audit from '../../features/audit/i18n';
import * as shortcuts from '../../features/shortcuts/i18n';
import * as alerts from '../../features/alerts/i18n';
import * as trainsNear from '../../features/trains-near/i18n';
import * as bureau from '../../features/bureau/i18n';
import * as alarms from '../../features/alarms/i18n';
import * as devices from '../../features/devices/i18n';
import * as maintenance from '../../features/maintenance/i18n';
import * as hazards from '../../features/hazards/i18n';
import * as risk from '../../features/risk/i18n';
import * as defensibleSpace from '../../features/defensible-space/i18n';
import * as meetings from '../../features/meetings/i18n';
import * as briefings from '../../features/briefings/i18n';
import * as wall from '../../features/wall/i18n';
import * as governance from '../../features/governance/i18n';
import * as responsibilityList from '../../features/responsibility-list/i18n';
import * as agreements from '../../features/agreements/i18n';
import * as assessment from '../../features/assessment/i18n';
import * as sfic from '../../features/sfic/i18n';
import * as allocation from '../../features/allocation/i18n';
import * as whatIf from '../../features/what-if/i18n';
import * as patrolGame from '../../features/patrol-game/i18n';
import * as indicators from '../../features/indicators/i18n';
import * as attachments from '../../features/attachments/i18n';

export const zhCN = {
  ...core.zhCN,
  ...vocabulary.zhCN,
  ...signin.zhCN,
  ...map.zhCN,
  ...search.zhCN,
  ...locationPanel.zhCN,
  ...incidents.zhCN,
  ...dispatch.zhCN,
  ...units.zhCN,
  ...mobile.zhCN,
  ...command.zhCN,
  ...reports.zhCN,
  ...messages.zhCN,
  ...duty.zhCN,
  ...bulletins.zhCN,
  ...sharingAdmin.zhCN,
  ...audit.zhCN,
  ...shortcuts.zhCN,
  ...alerts.zhCN,
  ...trainsNear.zhCN,
  ...bureau.zhCN,
  ...alarms.zhCN,
  ...devices.zhCN,
  ...maintenance.zhCN,
  ...hazards.zhCN,
  ...risk.zhCN,
  ...defensibleSpace.zhCN,
  ...meetings.zhCN,
  ...briefings.zhCN,
  ...wall.zhCN,
  ...governance.zhCN,
  ...responsibilityList.zhCN,
  ...agreements.zhCN,
  ...assessment.zhCN,
  ...sfic.zhCN,
  ...allocation.zhCN,
  ...whatIf.zhCN,
  ...patrolGame.zhCN,
  ...indicators.zhCN,
  ...attachments.zhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
/** What every other language must provide: the same keys, any text. */
export type Catalogue = { readonly [K in MessageKey]: string };
