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
};
