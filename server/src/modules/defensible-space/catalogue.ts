import type { Aspect, Countermeasure, MeasuredKind, SpaceSiteType, SpaceTemplateItem } from '@railjoint/contracts';

type Item = Omit<SpaceTemplateItem, 'guideZh' | 'guideEn'> & { guideZh?: string; guideEn?: string };
const item = (id: string, aspect: Aspect, nameZh: string, nameEn: string, measured: MeasuredKind | null = null, guideZh = '', guideEn = ''): Item => ({ id, aspect, nameZh, nameEn, measured, guideZh, guideEn });

/**
 * The item bank the default templates draw on, after CPTED site-assessment checklists read for a
 * railway. Each is scored 0 (no defence) to 4 (well defended).
 */
export const ITEM_BANK: Record<string, Item> = {
  fence_continuity: item('fence_continuity', 'regionality', '护网连续完整', 'Fence continuous and intact', null, '0 多处缺口；4 全段完整', '0 many gaps; 4 intact throughout'),
  gaps_gates: item('gaps_gates', 'regionality', '缺口与通道门管控', 'Gaps and gates controlled', null, '0 通道门常开或无锁；4 全部上锁并登记', '0 gates open or unlocked; 4 all locked and logged'),
  boundary_signs: item('boundary_signs', 'regionality', '保护区界桩与警示标志', 'Protection-zone posts and warning signs'),
  ownership: item('ownership', 'regionality', '每一段都有明确责任人（双段长公示）', 'Clear ownership of every metre (section chiefs posted)'),
  access_control: item('access_control', 'regionality', '出入口管控（站前、货场）', 'Entrances controlled (forecourt, yard)'),
  camera_coverage: item('camera_coverage', 'monitoring', '视频覆盖接近通道', 'Cameras cover the approaches', 'camera_coverage', '由设备视场计算', 'computed from the cameras’ fields of view'),
  lighting: item('lighting', 'monitoring', '夜间照明', 'Lighting at night'),
  sightlines: item('sightlines', 'monitoring', '视线通透，无遮挡死角', 'Clear sightlines, no hidden corners'),
  patrol_frequency: item('patrol_frequency', 'monitoring', '巡防频次', 'Patrol frequency', 'patrols_per_week', '由近四周巡防打卡计算', 'computed from the last four weeks’ check-ins'),
  natural_surveillance: item('natural_surveillance', 'monitoring', '面向线路的门窗与人员活动', 'Windows and people facing the line'),
  upkeep: item('upkeep', 'appearance', '设施维护良好', 'Facilities kept up'),
  litter_graffiti: item('litter_graffiti', 'appearance', '无垃圾堆放和涂鸦', 'No litter or graffiti'),
  illegal_structures: item('illegal_structures', 'appearance', '无违章建筑', 'No illegal structures'),
  light_materials: item('light_materials', 'appearance', '接触网附近无轻飘物', 'No light materials near the wires'),
  open_hazards: item('open_hazards', 'appearance', '未整改隐患', 'Hazards still open', 'open_hazards', '由 1 公里内未办结隐患计算', 'computed from open hazards within 1 km'),
  villages_schools: item('villages_schools', 'environment', '附近村庄、学校、集市的影响', 'Villages, schools and markets nearby'),
  construction: item('construction', 'environment', '附近施工工地', 'Construction sites nearby'),
  roads_crossings: item('roads_crossings', 'environment', '道路与道口的影响', 'Roads and crossings nearby'),
  incident_history: item('incident_history', 'environment', '近一年警情', 'Incidents in the last year', 'incidents_last_year', '由 1 公里内近一年警情计算', 'computed from incidents within 1 km in the last year'),
  crowd_flow: item('crowd_flow', 'environment', '客流与人员聚集', 'Crowds and passenger flow'),
};

const COMMON = ['fence_continuity', 'gaps_gates', 'boundary_signs', 'ownership', 'camera_coverage', 'lighting', 'sightlines', 'patrol_frequency', 'upkeep', 'litter_graffiti', 'illegal_structures', 'light_materials', 'open_hazards', 'villages_schools', 'roads_crossings', 'incident_history'];

/** Which items each kind of site is assessed on: the common set, adapted to what matters there. */
export const DEFAULT_ITEMS: Record<SpaceSiteType, string[]> = {
  station_forecourt: ['access_control', 'boundary_signs', 'ownership', 'camera_coverage', 'lighting', 'sightlines', 'patrol_frequency', 'natural_surveillance', 'upkeep', 'litter_graffiti', 'illegal_structures', 'open_hazards', 'crowd_flow', 'villages_schools', 'roads_crossings', 'incident_history'],
  level_crossing: ['gaps_gates', 'boundary_signs', 'ownership', 'camera_coverage', 'lighting', 'sightlines', 'patrol_frequency', 'upkeep', 'light_materials', 'open_hazards', 'villages_schools', 'roads_crossings', 'incident_history'],
  underpass: ['fence_continuity', 'gaps_gates', 'ownership', 'camera_coverage', 'lighting', 'sightlines', 'patrol_frequency', 'upkeep', 'litter_graffiti', 'open_hazards', 'villages_schools', 'roads_crossings', 'incident_history'],
  bridge: ['fence_continuity', 'gaps_gates', 'boundary_signs', 'ownership', 'camera_coverage', 'lighting', 'patrol_frequency', 'natural_surveillance', 'upkeep', 'illegal_structures', 'open_hazards', 'villages_schools', 'construction', 'incident_history'],
  tunnel_portal: ['fence_continuity', 'gaps_gates', 'boundary_signs', 'ownership', 'camera_coverage', 'lighting', 'patrol_frequency', 'upkeep', 'open_hazards', 'construction', 'villages_schools', 'incident_history'],
  line_stretch: COMMON,
  freight_yard: ['fence_continuity', 'access_control', 'ownership', 'camera_coverage', 'lighting', 'sightlines', 'patrol_frequency', 'upkeep', 'litter_graffiti', 'illegal_structures', 'open_hazards', 'villages_schools', 'construction', 'incident_history'],
};

export function defaultTemplate(siteType: SpaceSiteType): SpaceTemplateItem[] {
  return DEFAULT_ITEMS[siteType].map((id) => ({ guideZh: '', guideEn: '', ...ITEM_BANK[id]! }));
}

/**
 * Countermeasures with their cost (万元, typical prices for one site) and the expected reduction
 * of incidents where they are put, from the situational-prevention literature (Welsh & Farrington
 * on CCTV and lighting; guardianship studies for patrols). They are planning figures, to be
 * replaced by the department's own experience: the comparison of treated with untreated sites
 * measures it.
 */
export const COUNTERMEASURES: Countermeasure[] = [
  { id: 'fence_repair', aspect: 'regionality', nameZh: '修复护网、封堵缺口', nameEn: 'Repair fences, close gaps', costWan: 3, improves: ['fence_continuity', 'gaps_gates'], riskReductionPct: 25, basisZh: '封闭缺口减少非法上道', basisEn: 'closing gaps cuts trespass onto the track' },
  { id: 'gate_locks', aspect: 'regionality', nameZh: '通道门加锁并登记钥匙', nameEn: 'Lock gates and log the keys', costWan: 0.5, improves: ['gaps_gates', 'access_control'], riskReductionPct: 10, basisZh: '出入控制', basisEn: 'access control' },
  { id: 'signs', aspect: 'regionality', nameZh: '设置界桩和警示标志、公示双段长', nameEn: 'Boundary posts, warning signs, section chiefs posted', costWan: 0.8, improves: ['boundary_signs', 'ownership'], riskReductionPct: 5, basisZh: '领域感与规则告知', basisEn: 'territoriality and rule setting' },
  { id: 'cameras', aspect: 'monitoring', nameZh: '加装视频监控', nameEn: 'Add cameras', costWan: 8, improves: ['camera_coverage', 'sightlines'], riskReductionPct: 16, basisZh: '视频监控平均减少约 16% 的犯罪（Welsh & Farrington）', basisEn: 'CCTV cut crime by about 16% on average (Welsh & Farrington)' },
  { id: 'lighting', aspect: 'monitoring', nameZh: '改善夜间照明', nameEn: 'Improve lighting', costWan: 4, improves: ['lighting', 'sightlines'], riskReductionPct: 20, basisZh: '改善照明平均减少约 20% 的犯罪（Welsh & Farrington）', basisEn: 'better lighting cut crime by about 20% (Welsh & Farrington)' },
  { id: 'patrol_frequency', aspect: 'monitoring', nameZh: '提高巡防频次', nameEn: 'Patrol more often', costWan: 2, improves: ['patrol_frequency'], riskReductionPct: 15, basisZh: '热点巡逻的威慑效果', basisEn: 'deterrence of hot-spot patrols' },
  { id: 'guard_post', aspect: 'monitoring', nameZh: '设立村级看护点', nameEn: 'Set up a village guard post', costWan: 6, improves: ['patrol_frequency', 'natural_surveillance'], riskReductionPct: 22, basisZh: '持续的守护者在场', basisEn: 'a guardian present all the time' },
  { id: 'clear_materials', aspect: 'appearance', nameZh: '清理轻飘物和垃圾', nameEn: 'Remove light materials and litter', costWan: 0.5, improves: ['light_materials', 'litter_graffiti', 'open_hazards'], riskReductionPct: 8, basisZh: '消除异物侵限', basisEn: 'removes foreign objects near the wires' },
  { id: 'demolish', aspect: 'appearance', nameZh: '拆除违章建筑', nameEn: 'Remove illegal structures', costWan: 5, improves: ['illegal_structures', 'open_hazards'], riskReductionPct: 10, basisZh: '恢复保护区', basisEn: 'restores the protection zone' },
  { id: 'upkeep', aspect: 'appearance', nameZh: '整修设施、清除涂鸦', nameEn: 'Repair facilities, remove graffiti', costWan: 1.5, improves: ['upkeep', 'litter_graffiti'], riskReductionPct: 6, basisZh: '破窗效应', basisEn: 'broken windows' },
  { id: 'education', aspect: 'environment', nameZh: '进村入校开展爱路护路宣传', nameEn: 'Railway-safety talks in villages and schools', costWan: 0.3, improves: ['villages_schools'], riskReductionPct: 8, basisZh: '减少儿童投石、上道', basisEn: 'fewer children throwing stones or on the track' },
  { id: 'crossing_upgrade', aspect: 'environment', nameZh: '道口改造（立交或看守）', nameEn: 'Upgrade the crossing (grade separation or keeper)', costWan: 30, improves: ['roads_crossings'], riskReductionPct: 40, basisZh: '消除平交冲突', basisEn: 'removes the level conflict' },
  { id: 'construction_liaison', aspect: 'environment', nameZh: '与施工单位签订安全协议并巡查', nameEn: 'Safety agreement and checks with the construction site', costWan: 0.5, improves: ['construction'], riskReductionPct: 6, basisZh: '源头管控', basisEn: 'control at the source' },
];
