import type { SchemeInput } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { AssessmentService } from './service.js';

/**
 * The demo department's scheme, weighted the way railway police departments' 路地联防考核办法
 * usually are: reception and response first, then information sharing and follow-up, then
 * prevention (patrols, hazards, devices). Floors sit where a department would call the work
 * failed. The indicators without a natural per-agency target (joint commands, participation) are
 * shown but not scored.
 */
export const DEMO_SCHEME: SchemeInput = {
  name: '路地联防联控考核方案',
  note: '演示方案：按月考核，权重合计 100。',
  items: [
    { indicatorId: 'reception.dispatch_time', weight: 15, target: 120, floor: 600, rule: 'linear' },
    { indicatorId: 'reception.on_scene_in_limit', weight: 20, target: 90, floor: 50, rule: 'linear' },
    { indicatorId: 'transfers.accept_time', weight: 10, target: 300, floor: 1800, rule: 'linear' },
    { indicatorId: 'bulletins.ack_rate', weight: 10, target: 95, floor: 60, rule: 'linear' },
    { indicatorId: 'tasks.on_time', weight: 10, target: 90, floor: 50, rule: 'linear' },
    { indicatorId: 'patrols.duties_done', weight: 10, target: 95, floor: 60, rule: 'linear' },
    { indicatorId: 'patrols.check_ins_on_time', weight: 5, target: 90, floor: 50, rule: 'linear' },
    { indicatorId: 'hazards.rectified_on_time', weight: 10, target: 90, floor: 50, rule: 'linear' },
    { indicatorId: 'devices.availability', weight: 5, target: 98, floor: 90, rule: 'linear' },
    { indicatorId: 'devices.false_alarms', weight: 5, target: 10, floor: 40, rule: 'linear' },
  ],
};

export async function seedDemoScheme(assessment: AssessmentService, centreAdmin: Actor): Promise<void> {
  await assessment.saveScheme(centreAdmin, DEMO_SCHEME, 'zh-CN');
}
