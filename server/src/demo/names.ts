import type { Rng } from './prng.js';

/**
 * Name pools for the generated parts of the demo (villages, bridges, tunnels, national-scale
 * stations and counties). Real place names are used as names only; nothing here comes from a
 * licensed data set.
 */

const VILLAGE_FIRST = ['大', '小', '新', '老', '上', '下', '东', '西', '南', '北', '石', '沙', '龙', '凤', '马', '牛', '白', '黄', '青', '高', '长', '平', '安', '古', '良', '福', '三', '六', '那', '板', '甘', '洞', '岜', '弄', '桐', '松', '竹', '李', '覃', '韦'] as const;
const VILLAGE_SECOND = ['村', '屯', '塘', '岭', '坪', '冲', '江', '头', '口', '湾', '洞', '寨', '坡', '垌', '圩', '田', '山', '桥', '岩', '埠', '林', '坝', '垄', '河'] as const;

/** A two-character village name such as 石塘 or 那坡 (Zhuang place names often start with 那/板/岜/弄). */
export function villageName(rng: Rng): string {
  return rng.pick(VILLAGE_FIRST) + rng.pick(VILLAGE_SECOND);
}

export const RIVERS_GUANGXI = ['洛清江', '融江', '龙江', '红水河', '浔江', '漓江', '相思江', '桂江', '运江', '贝江', '都柳江', '寻江', '大环江', '小环江', '刁江', '东小江', '思恩河', '古宜河', '石门河', '拉浪河'] as const;

const MOUNTAIN_FIRST = ['天', '云', '凤', '龙', '狮', '象', '鹰', '猫', '青', '白', '黑', '大', '小', '架', '摩', '九', '金', '银', '石', '铜'] as const;
const MOUNTAIN_SECOND = ['山', '岭', '坳', '峰', '岩', '坡', '界', '顶'] as const;

export function mountainName(rng: Rng): string {
  return rng.pick(MOUNTAIN_FIRST) + rng.pick(MOUNTAIN_SECOND);
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;
export function cnNumber(n: number): string {
  if (n >= 1 && n <= 10) return CN_NUMBERS[n - 1]!;
  if (n < 20) return `十${CN_NUMBERS[n - 11]!}`;
  return String(n);
}

const PLACE_FIRST = ['安', '宝', '昌', '城', '丰', '阜', '广', '汉', '和', '华', '吉', '嘉', '建', '江', '金', '晋', '靖', '康', '乐', '临', '隆', '庐', '洛', '茂', '宁', '平', '庆', '清', '仁', '瑞', '山', '商', '寿', '顺', '泰', '通', '同', '万', '文', '武', '祥', '新', '兴', '永', '榆', '玉', '元', '云', '漳', '忠'] as const;
const PLACE_SECOND = ['安', '昌', '城', '川', '道', '定', '东', '丰', '阜', '谷', '河', '湖', '化', '江', '口', '陵', '宁', '平', '坪', '桥', '泉', '山', '水', '台', '塘', '田', '西', '溪', '乡', '阳', '原', '远', '州', '庄'] as const;

/** A plausible Chinese place name (two characters), for the national-scale stations and counties. */
export function placeName(rng: Rng): string {
  return rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND);
}

/** Returns a name not yet in `used` (adding it), trying fresh draws first, then direction suffixes. */
export function uniqueName(used: Set<string>, draw: () => string): string {
  for (let i = 0; i < 20; i++) {
    const n = draw();
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
  const base = draw();
  for (const suffix of ['东', '西', '南', '北', '新', '东二', '西二', '南二', '北二']) {
    if (!used.has(base + suffix)) {
      used.add(base + suffix);
      return base + suffix;
    }
  }
  let i = 2;
  while (used.has(`${base}${i}`)) i++;
  used.add(`${base}${i}`);
  return `${base}${i}`;
}

/** A landline number in a city's area code (7 digits after it, as in Guangxi). */
export function dutyPhone(rng: Rng, areaCode: string): string {
  return `${areaCode}-${rng.int(2, 8)}${String(rng.int(0, 999999)).padStart(6, '0')}`;
}
