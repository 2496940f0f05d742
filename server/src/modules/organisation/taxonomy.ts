import type { Category } from '@railjoint/contracts';

/** Category groups; the responsibility defaults are written per group, then overridden per category. */
export const CATEGORY_GROUPS = [
  'line_safety',
  'attack_on_train',
  'equipment',
  'overhead_line',
  'zone_hazard',
  'public_order',
  'persons',
  'dangerous',
  'traffic',
] as const;
export type CategoryGroup = (typeof CATEGORY_GROUPS)[number];

type Row = [id: string, nameZh: string, nameEn: string, pinyin: string, group: CategoryGroup, priority: Category['basePriority']];

// Pinyin is toneless and space separated so a dispatcher can search by syllables or initials.
const ROWS: Row[] = [
  ['track_intrusion', '人员侵入线路', 'Person intruding on the track', 'ren yuan qin ru xian lu', 'line_safety', 'P1'],
  ['obstacle_on_line', '线路障碍物', 'Object on the line', 'xian lu zhang ai wu', 'line_safety', 'P1'],
  ['child_on_line', '儿童进入线路', 'Child on the line', 'er tong jin ru xian lu', 'line_safety', 'P1'],
  ['livestock_on_line', '牲畜上道', 'Livestock on the line', 'sheng chu shang dao', 'line_safety', 'P2'],
  ['person_hit_by_train', '路外伤亡', 'Person hit by a train', 'lu wai shang wang', 'line_safety', 'P1'],
  ['level_crossing_collision', '道口事故', 'Level-crossing collision', 'dao kou shi gu', 'line_safety', 'P1'],
  ['fence_damage', '防护栅栏破损', 'Damaged line fence', 'fang hu zha lan po sun', 'line_safety', 'P3'],
  ['drone_intrusion', '无人机闯入', 'Drone intrusion over the line', 'wu ren ji chuang ru', 'line_safety', 'P2'],
  ['stone_throwing', '击打列车', 'Stone throwing at a train', 'ji da lie che', 'attack_on_train', 'P1'],
  ['equipment_theft', '盗窃铁路设备', 'Theft of railway equipment', 'dao qie tie lu she bei', 'equipment', 'P2'],
  ['cable_theft', '盗割电缆', 'Cable theft', 'dao ge dian lan', 'equipment', 'P2'],
  ['equipment_damage', '破坏铁路设施', 'Vandalism of railway facilities', 'po huai tie lu she shi', 'equipment', 'P2'],
  ['overhead_foreign_matter', '接触网异物', 'Foreign matter on the overhead line', 'jie chu wang yi wu', 'overhead_line', 'P1'],
  ['kite_balloon', '放风筝气球', 'Kite or balloon near the line', 'fang feng zheng qi qiu', 'overhead_line', 'P2'],
  ['light_material', '轻飘物品', 'Loose light material near the overhead line', 'qing piao wu pin', 'overhead_line', 'P3'],
  ['fire_near_line', '线路附近火情', 'Fire near the line', 'xian lu fu jin huo qing', 'zone_hazard', 'P1'],
  ['burning_near_line', '线路旁焚烧', 'Burning near the line', 'xian lu pang fen shao', 'zone_hazard', 'P2'],
  ['illegal_construction', '保护区违章施工', 'Illegal construction in the protection zone', 'bao hu qu wei zhang shi gong', 'zone_hazard', 'P3'],
  ['illegal_quarrying', '保护区非法采挖', 'Illegal quarrying in the protection zone', 'bao hu qu fei fa cai wa', 'zone_hazard', 'P3'],
  ['flood_landslide', '水害塌方隐患', 'Flood or landslide hazard', 'shui hai ta fang yin huan', 'zone_hazard', 'P2'],
  ['assault', '殴打他人', 'Assault', 'ou da ta ren', 'public_order', 'P2'],
  ['passenger_theft', '盗窃旅客财物', 'Theft from passengers', 'dao qie lv ke cai wu', 'public_order', 'P3'],
  ['fraud', '诈骗', 'Fraud', 'zha pian', 'public_order', 'P3'],
  ['station_disorder', '车站扰乱秩序', 'Disorder in a station', 'che zhan rao luan zhi xu', 'public_order', 'P2'],
  ['ticket_scalping', '倒卖车票', 'Ticket scalping', 'dao mai che piao', 'public_order', 'P4'],
  ['crowd_surge', '人群拥挤踩踏', 'Crowd surge', 'ren qun yong ji cai ta', 'public_order', 'P1'],
  ['lost_person', '人员走失', 'Lost person', 'ren yuan zou shi', 'persons', 'P3'],
  ['disturbed_passenger', '旅客行为异常', 'Disturbed passenger on a train', 'lv ke xing wei yi chang', 'persons', 'P2'],
  ['fugitive_spotted', '发现在逃人员', 'Fugitive spotted', 'fa xian zai tao ren yuan', 'persons', 'P2'],
  ['suspicious_item', '可疑物品', 'Suspicious item', 'ke yi wu pin', 'dangerous', 'P2'],
  ['explosive_threat', '爆炸威胁', 'Explosive threat', 'bao zha wei xie', 'dangerous', 'P1'],
  ['dangerous_goods', '违规携带危险品', 'Dangerous goods carried', 'wei gui xie dai wei xian pin', 'dangerous', 'P2'],
  ['road_accident_near_line', '线路旁交通事故', 'Road accident near the line', 'xian lu pang jiao tong shi gu', 'traffic', 'P2'],
  ['vehicle_on_line', '机动车侵入线路', 'Road vehicle on the line', 'ji dong che qin ru xian lu', 'traffic', 'P1'],
];

export const DEFAULT_CATEGORIES: Category[] = ROWS.map(([id, nameZh, nameEn, pinyin, group, basePriority]) => ({
  id,
  nameZh,
  nameEn,
  pinyin,
  group,
  basePriority,
}));
