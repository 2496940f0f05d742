import type { Catalogue } from './zh-CN';
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

export const en: Catalogue = {
  ...core.en,
  ...vocabulary.en,
  ...signin.en,
  ...map.en,
  ...search.en,
  ...locationPanel.en,
  ...incidents.en,
  ...dispatch.en,
  ...units.en,
  ...mobile.en,
  ...command.en,
  ...reports.en,
  ...messages.en,
  ...duty.en,
  ...bulletins.en,
  ...sharingAdmin.en,
  ...audit.en,
  ...shortcuts.en,
  ...alerts.en,
  ...trainsNear.en,
  ...bureau.en,
  ...alarms.en,
  ...devices.en,
  ...maintenance.en,
  ...hazards.en,
  ...risk.en,
  ...defensibleSpace.en,
  ...meetings.en,
  ...briefings.en,
  ...wall.en,
  ...governance.en,
  ...responsibilityList.en,
  ...agreements.en,
  ...assessment.en,
  ...sfic.en,
  ...allocation.en,
  ...whatIf.en,
  ...patrolGame.en,
  ...indicators.en,
  ...attachments.en,
};
