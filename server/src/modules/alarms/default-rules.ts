import type { AlarmRule } from '@railjoint/contracts';

const INTRUSION = ['intrusion', 'climb', 'fence_cut', 'beam_break', 'person_detected'] as const;
const NIGHT = { from: '20:00', to: '06:00' };

/**
 * The rules a department starts with (admins edit them: PUT /api/alarm-rules). First match wins,
 * so the specific come before the general. They follow the examples: a confirmed
 * intrusion at night on a high-speed line is a P1 track intrusion; an intruder walking along a
 * fibre fence corroborates himself as a second sensor would; a camera alone is verified first.
 */
export const DEFAULT_RULES: AlarmRule[] = [
  {
    id: 'hsr-night-confirmed',
    name: '高铁夜间侵入（视频确认）',
    enabled: true,
    when: { conditions: [...INTRUSION], highSpeed: true, timeOfDay: NIGHT, confirmed: true },
    then: { action: 'incident', category: 'track_intrusion', priority: 'P1' },
    reason: '高速铁路夜间周界报警经视频确认：按人员侵入线路处置',
  },
  {
    id: 'hsr-night-moving',
    name: '高铁夜间沿线移动侵入',
    enabled: true,
    when: { deviceKinds: ['fibre_sensor', 'fence_sensor', 'radar'], conditions: ['intrusion', 'climb', 'vibration'], highSpeed: true, timeOfDay: NIGHT, minExtentM: 100 },
    then: { action: 'incident', category: 'track_intrusion', priority: 'P1' },
    reason: '高速铁路夜间周界报警沿线移动逾 100 米：入侵者沿护网行进，视同多点印证',
  },
  {
    id: 'confirmed-intrusion',
    name: '视频确认的侵入',
    enabled: true,
    when: { conditions: [...INTRUSION], confirmed: true },
    then: { action: 'incident', category: 'track_intrusion', priority: 'P2' },
    reason: '周界报警经视频确认：按人员侵入线路处置',
  },
  {
    id: 'cable-cut',
    name: '电缆被割',
    enabled: true,
    when: { conditions: ['cable_cut'] },
    then: { action: 'incident', category: 'cable_theft', priority: 'P2' },
    reason: '电缆传感器报告电缆被割断',
  },
  {
    id: 'camera-verify',
    name: '视频单独检出：先核实',
    enabled: true,
    when: { deviceKinds: ['camera'] },
    then: { action: 'verify' },
    reason: '仅有视频分析检出，未经其他传感器印证：由值班员核实后再处置',
  },
  {
    id: 'others-verify',
    name: '其余报警：先核实',
    enabled: true,
    when: {},
    then: { action: 'verify' },
    reason: '未达到自动立案条件：由值班员核实',
  },
];
