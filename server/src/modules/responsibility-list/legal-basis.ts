import type { Category } from '@railjoint/contracts';

/**
 * Default legal basis (法律依据) per category group, before the centre edits any. Only article
 * numbers we are sure of are cited (the Railway Law's art. 43 on the division of railway and local
 * police, the Railway Safety Management Regulations' art. 27 on the protection zone); otherwise
 * the instrument is named alone, and the centre adds the articles it relies on.
 */
const RAILWAY_LAW_43 = '《中华人民共和国铁路法》第四十三条（铁路公安机关和地方公安机关分工负责共同维护铁路治安秩序）';
const REGULATIONS = '《铁路安全管理条例》（国务院令第639号）';
const REGULATIONS_27 = '《铁路安全管理条例》（国务院令第639号）第二十七条（铁路线路安全保护区）';
const PUBLIC_ORDER = '《中华人民共和国治安管理处罚法》';
const POLICE_LAW = '《中华人民共和国人民警察法》';
const CRIMINAL_LAW = '《中华人民共和国刑法》';

const BY_GROUP: Record<string, string[]> = {
  line_safety: [RAILWAY_LAW_43, REGULATIONS, PUBLIC_ORDER],
  attack_on_train: [RAILWAY_LAW_43, PUBLIC_ORDER, CRIMINAL_LAW],
  equipment: [RAILWAY_LAW_43, REGULATIONS, PUBLIC_ORDER, CRIMINAL_LAW],
  overhead_line: [REGULATIONS, '《电力设施保护条例》', PUBLIC_ORDER],
  zone_hazard: [REGULATIONS_27, '《中华人民共和国铁路法》'],
  public_order: [RAILWAY_LAW_43, PUBLIC_ORDER, POLICE_LAW],
  persons: [RAILWAY_LAW_43, POLICE_LAW],
  dangerous: [RAILWAY_LAW_43, REGULATIONS, PUBLIC_ORDER, '《中华人民共和国反恐怖主义法》'],
  traffic: [REGULATIONS, '《中华人民共和国道路交通安全法》', RAILWAY_LAW_43],
};

const BY_CATEGORY: Record<string, string[]> = {
  fire_near_line: [REGULATIONS_27, '《中华人民共和国消防法》'],
  burning_near_line: [REGULATIONS_27, '《中华人民共和国消防法》'],
  crowd_surge: [RAILWAY_LAW_43, '《中华人民共和国突发事件应对法》', POLICE_LAW],
  fraud: [RAILWAY_LAW_43, PUBLIC_ORDER, CRIMINAL_LAW],
};

/** The basis a category starts with: its own, its group's, or the division of police work that holds for all. */
export function defaultLegalBasis(category: Pick<Category, 'id' | 'group'>): string {
  return (BY_CATEGORY[category.id] ?? BY_GROUP[category.group] ?? [RAILWAY_LAW_43, POLICE_LAW]).join('；');
}
