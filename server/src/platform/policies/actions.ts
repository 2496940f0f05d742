import type { Role } from '@railjoint/contracts';
import type { Actor } from '../auth/actor.js';
import { forbidden, unauthorized, said } from '../http/errors.js';
import { canImportRiskHistory, canReadRisk } from './risk.js';
import { canReadCentreViews } from './briefings.js';

/**
 * Actions that depend on the role alone (not on a particular resource): routes name one and
 * `authorize` decides. Resource rules (which incident, which bulletin) live beside this file.
 */
export type Action =
  | 'network.read'
  | 'network.import'
  | 'organisation.read'
  | 'organisation.import'
  | 'jurisdiction.resolve'
  | 'categories.read'
  | 'responsibility.edit'
  | 'responsibility.draft'
  | 'responsibility.approve'
  | 'users.manage'
  | 'changes.read'
  | 'timetable.import'
  | 'trains.read'
  | 'incident.create'
  | 'audit.read'
  | 'open311.manage'
  | 'risk.read'
  | 'risk.import'
  | 'space.read'
  | 'space.assess'
  | 'space.template'
  | 'allocation.plan'
  | 'briefings.read'
  | 'wall.read';

const RULES: Record<Action, (actor: Actor) => boolean> = {
  'network.read': signedIn,
  'network.import': hasRole('admin'),
  'organisation.read': signedIn,
  'organisation.import': hasRole('admin'),
  'jurisdiction.resolve': signedIn,
  'categories.read': signedIn,
  'responsibility.edit': hasRole('admin'),
  // the power-and-responsibility list is the centre's document: its staff draft it, and it
  // binds every agency only once a commander of the centre (or an administrator) approves it
  'responsibility.draft': (a) => a.roles.includes('admin') || (a.agencyType === 'coordination_centre' && hasRole('dispatcher', 'commander', 'analyst')(a)),
  'responsibility.approve': (a) => a.roles.includes('admin') || (a.agencyType === 'coordination_centre' && a.roles.includes('commander')),
  'users.manage': hasRole('admin'),
  'changes.read': hasRole('admin', 'analyst'),
  'timetable.import': hasRole('admin'),
  'trains.read': signedIn,
  // Reports come from every channel: call-takers, officers on the ground, liaisons, patrols.
  'incident.create': hasRole('admin', 'dispatcher', 'commander', 'officer', 'liaison', 'volunteer'),
  // auditors only: not even an administrator reads the trail of what administrators did
  'audit.read': hasRole('auditor'),
  // the applications allowed to post Open311 requests, and their keys
  'open311.manage': hasRole('admin'),
  // risk along the line (policies/risk.ts)
  'risk.read': canReadRisk,
  'risk.import': canImportRiskHistory,
  // defensible-space assessments: the working staff of every agency along the line read and
  // assess sites (a township scores its own crossing); volunteers and auditors do not; the
  // templates are the analysts' and administrators'
  'space.read': hasRole('admin', 'dispatcher', 'commander', 'officer', 'liaison', 'analyst'),
  'space.assess': hasRole('admin', 'dispatcher', 'commander', 'officer', 'liaison', 'analyst'),
  'space.template': hasRole('admin', 'analyst'),
  // solver runs hold a core for seconds: the planners', not every signed-in user's
  'allocation.plan': hasRole('admin', 'analyst', 'commander', 'dispatcher'),
  // the centre's own views: its briefings' list and the wall (policies/briefings.ts)
  'briefings.read': canReadCentreViews,
  'wall.read': canReadCentreViews,
};

function signedIn(): boolean {
  return true;
}

function hasRole(...roles: Role[]) {
  return (actor: Actor) => actor.roles.some((r) => roles.includes(r));
}

/** What each action is, as a refusal names it in Chinese. */
const ACTION_ZH: Record<Action, string> = {
  'network.read': '查看路网',
  'network.import': '导入路网',
  'organisation.read': '查看组织机构',
  'organisation.import': '导入组织机构',
  'jurisdiction.resolve': '查询管辖',
  'categories.read': '查看警情类别',
  'responsibility.edit': '编辑责任分工',
  'responsibility.draft': '拟定权责清单',
  'responsibility.approve': '审批权责清单',
  'users.manage': '管理用户',
  'changes.read': '查看变更记录',
  'timetable.import': '导入时刻表',
  'trains.read': '查看列车',
  'incident.create': '登记警情',
  'audit.read': '查看审计记录',
  'open311.manage': '管理 Open311 接入应用',
  'risk.read': '查看线路风险',
  'risk.import': '导入历史警情',
  'space.read': '查看防卫空间评估',
  'space.assess': '开展防卫空间评估',
  'space.template': '编辑防卫空间评估模板',
  'allocation.plan': '运行资源配置计算',
  'briefings.read': '查看警情通报列表',
  'wall.read': '查看指挥大屏',
};

export function can(actor: Actor | null, action: Action): boolean {
  return actor !== null && RULES[action](actor);
}

export function authorize(actor: Actor | null, action: Action): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!RULES[action](actor)) throw forbidden(said(`您的角色无权${ACTION_ZH[action]}`, `your role may not ${action.replace('.', ' ')}`));
}

/** A user may read their own account; admins read all. */
export function canReadUser(actor: Actor, userId: string): boolean {
  return actor.userId === userId || actor.roles.includes('admin');
}
