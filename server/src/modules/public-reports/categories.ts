import type { PublicCategory } from '@railjoint/contracts';

/**
 * Categories a member of the public understands, each mapped to the incident category the
 * platform handles it as. A department that adds an incident category with the public
 * category's own id (say `suspicious_person`) gets reports there instead of the default.
 */
export interface PublicCategoryDef {
  id: PublicCategory;
  incidentCategory: string;
  group: string;
  zh: { name: string; description: string; keywords: string };
  en: { name: string; description: string; keywords: string };
}

export const PUBLIC_CATEGORY_DEFS: readonly PublicCategoryDef[] = [
  { id: 'person_on_track', incidentCategory: 'track_intrusion', group: 'line_safety', zh: { name: '有人在铁路线上', description: '有人在铁轨上、护网内行走或停留', keywords: '行人,上道,翻越护网' }, en: { name: 'Person on the track', description: 'someone walking or standing on the tracks or inside the fence', keywords: 'pedestrian,trespass,fence' } },
  { id: 'broken_fence', incidentCategory: 'fence_damage', group: 'line_safety', zh: { name: '护网破损', description: '铁路护网、栅栏被剪断、推倒或有缺口', keywords: '护网,栅栏,缺口' }, en: { name: 'Broken fence', description: 'the railway fence is cut, pushed over or has a gap', keywords: 'fence,gap,hole' } },
  { id: 'object_on_line', incidentCategory: 'obstacle_on_line', group: 'line_safety', zh: { name: '线路上有障碍物', description: '铁轨上有石头、木头、杂物，或有东西挂在接触网上', keywords: '障碍物,石头,异物' }, en: { name: 'Object on the line', description: 'stones, wood or rubbish on the tracks, or something caught on the overhead wires', keywords: 'obstacle,stone,debris' } },
  { id: 'stone_throwing', incidentCategory: 'stone_throwing', group: 'attack_on_train', zh: { name: '有人向列车扔石头', description: '有人向行驶的列车投掷石块或其他物品', keywords: '石头,击打列车,砸车窗' }, en: { name: 'Stones thrown at a train', description: 'someone throwing stones or other things at a moving train', keywords: 'stone,window,attack' } },
  { id: 'cable_theft', incidentCategory: 'cable_theft', group: 'equipment', zh: { name: '有人偷电缆或设备', description: '有人割电缆、拆铁路设备或器材', keywords: '电缆,盗窃,设备' }, en: { name: 'Cable or equipment theft', description: 'someone cutting cables or taking railway equipment', keywords: 'cable,theft,equipment' } },
  { id: 'livestock', incidentCategory: 'livestock_on_line', group: 'line_safety', zh: { name: '牲畜上道', description: '牛、羊等牲畜在铁路线上或护网内', keywords: '牛,羊,牲畜' }, en: { name: 'Animals on the line', description: 'cattle, goats or other animals on the line or inside the fence', keywords: 'cattle,goats,animals' } },
  { id: 'fire_near_line', incidentCategory: 'fire_near_line', group: 'zone_hazard', zh: { name: '铁路旁着火', description: '铁路附近有火情、烧荒或浓烟', keywords: '火,烧荒,烟' }, en: { name: 'Fire near the line', description: 'a fire, burning fields or thick smoke near the railway', keywords: 'fire,smoke,burning' } },
  { id: 'suspicious_person', incidentCategory: 'fugitive_spotted', group: 'persons', zh: { name: '可疑人员', description: '在铁路附近或车站、列车上有形迹可疑的人', keywords: '可疑,徘徊' }, en: { name: 'Suspicious person', description: 'someone acting suspiciously near the line, in a station or on a train', keywords: 'suspicious,loitering' } },
];

export function publicCategory(id: string): PublicCategoryDef | undefined {
  return PUBLIC_CATEGORY_DEFS.find((c) => c.id === id);
}

/** The incident category a public category is handled as, among those the department has. */
export function incidentCategoryFor(def: PublicCategoryDef, known: ReadonlySet<string>): string | null {
  if (known.has(def.id)) return def.id;
  return known.has(def.incidentCategory) ? def.incidentCategory : null;
}
