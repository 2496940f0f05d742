import type { IncidentAction } from '@railjoint/contracts';

/**
 * The state machine's action names and the words in the URL (`POST /api/incidents/:id/en-route`):
 * the URL speaks of what the unit reports, the table of what the incident does.
 */
/** The actions a person takes through `act` (transfers have their own steps). */
export type LifecycleAction = Extract<IncidentAction, 'dispatch' | 'depart' | 'arrive' | 'clear' | 'close' | 'cancel' | 'merge'>;

const URL_TO_ACTION: Record<string, LifecycleAction> = {
  dispatch: 'dispatch',
  'en-route': 'depart',
  'on-scene': 'arrive',
  clear: 'clear',
  close: 'close',
  cancel: 'cancel',
  merge: 'merge',
};

// `dispatch` has its own route in the dispatch module (it takes the units to send).
export const LIFECYCLE_URL_ACTIONS = Object.keys(URL_TO_ACTION).filter((a) => a !== 'dispatch');

export function fromUrlAction(name: string): LifecycleAction | undefined {
  return URL_TO_ACTION[name];
}

export function toUrlAction(action: IncidentAction): string {
  return Object.entries(URL_TO_ACTION).find(([, a]) => a === action)?.[0] ?? action.replace(/_/g, '-');
}

/** How a Chinese-speaking dispatcher names each status (the console's words, for refusals). */
export const STATUS_ZH: Record<string, string> = {
  received: '待派警',
  dispatched: '已派警',
  en_route: '出警途中',
  on_scene: '已到场',
  cleared: '处置完毕',
  closed: '已结案',
  transferred: '移交中',
  merged: '已合并',
  cancelled: '已撤销',
};

const ACTION_ZH: Record<string, string> = {
  dispatch: '派警',
  'en-route': '出警',
  'on-scene': '到场',
  clear: '处置完毕',
  close: '结案',
  cancel: '撤销',
  merge: '合并',
  transfer: '移交',
  'accept-transfer': '接收移交',
  'decline-transfer': '拒收移交',
  'transfer-timeout': '移交超时',
  'withdraw-all': '撤回全部警力',
};

/** An action as the console names it in Chinese (派警, 出警, 结案 …). */
export function actionZh(action: IncidentAction): string {
  const url = toUrlAction(action);
  return ACTION_ZH[url] ?? url;
}
