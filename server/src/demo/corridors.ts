import type { LonLat } from '@railjoint/contracts';
import type { LineSpec, StationInfo } from './network.js';

/**
 * The railway corridors of the demo department, modelled on the Liuzhou Railway Public Security
 * Department (柳州铁路公安处, the "L" department of the study).
 *
 * The geometry is SYNTHETIC: lines are smooth curves drawn through approximate positions of real
 * towns and stations, with invented bends between them. Station and place names are real place
 * names; mileages, telecodes (except LZZ, GLZ, GBZ), bridges, tunnels and everything else are
 * invented to look plausible. No map data is copied, so no data licence is involved.
 */

type S = Omit<StationInfo, 'id'> & { py: string };

/** Stations by name: approximate positions of the real towns or stations, WGS84 lon/lat. */
const STATION_LIST: S[] = [
  // 湘桂线 (Hengyang–Liuzhou–Nanning), north to south
  { name: '灵川', py: 'lingchuan', at: [110.33, 25.41], size: 'town', telecode: 'LCZ', area: '0773' },
  { name: '桂林北', py: 'guilinbei', at: [110.3005, 25.3195], size: 'city', telecode: 'GBZ', area: '0773' },
  { name: '桂林', py: 'guilin', at: [110.2856, 25.2535], size: 'city', telecode: 'GLZ', area: '0773' },
  { name: '桂林南', py: 'guilinnan', at: [110.272, 25.214], size: 'city', telecode: 'GNZ', area: '0773' },
  { name: '苏桥', py: 'suqiao', at: [110.06, 25.105], size: 'village', area: '0773' },
  { name: '永福', py: 'yongfu', at: [109.983, 24.98], size: 'town', telecode: 'YFZ', area: '0773' },
  { name: '黄冕', py: 'huangmian', at: [109.85, 24.775], size: 'village', area: '0772' },
  { name: '鹿寨', py: 'luzhai', at: [109.745, 24.478], size: 'town', telecode: 'LIZ', area: '0772' },
  { name: '雒容', py: 'luorong', at: [109.61, 24.402], size: 'village', area: '0772' },
  { name: '柳州', py: 'liuzhou', at: [109.3966, 24.308], size: 'city', telecode: 'LZZ', area: '0772' },
  { name: '柳州南', py: 'liuzhounan', at: [109.398, 24.238], size: 'city', telecode: 'LNZ', area: '0772' },
  { name: '凤凰', py: 'fenghuang', at: [109.34, 24.0], size: 'village', area: '0772' },
  { name: '来宾', py: 'laibin', at: [109.23, 23.742], size: 'city', telecode: 'UBZ', area: '0772' },
  { name: '大湾', py: 'dawan', at: [109.08, 23.662], size: 'village', area: '0772' },
  { name: '迁江', py: 'qianjiang', at: [108.972, 23.632], size: 'town', area: '0772' },
  { name: '黎塘', py: 'litang', at: [109.13, 23.21], size: 'town', telecode: 'LTZ', area: '0771' },
  // 焦柳线 (Jiaozuo–Liuzhou), its Guangxi end, north to south
  { name: '三江', py: 'sanjiang', at: [109.612, 25.79], size: 'town', telecode: 'SJZ', area: '0772' },
  { name: '丹洲', py: 'danzhou', at: [109.585, 25.565], size: 'village', area: '0772' },
  { name: '融安', py: 'rongan', at: [109.4, 25.222], size: 'town', telecode: 'RAZ', area: '0772' },
  { name: '融水', py: 'rongshui', at: [109.258, 25.07], size: 'town', telecode: 'RSZ', area: '0772' },
  { name: '和睦', py: 'hemu', at: [109.292, 24.85], size: 'village', area: '0772' },
  { name: '洛满', py: 'luoman', at: [109.322, 24.572], size: 'village', area: '0772' },
  { name: '沙塘', py: 'shatang', at: [109.382, 24.478], size: 'village', area: '0772' },
  // 黔桂线 (Liuzhou–Guizhou), east to west
  { name: '进德', py: 'jinde', at: [109.18, 24.36], size: 'village', area: '0772' },
  { name: '三岔', py: 'sancha', at: [108.92, 24.44], size: 'village', area: '0778' },
  { name: '宜州', py: 'yizhou', at: [108.65, 24.49], size: 'city', telecode: 'YSZ', area: '0778' },
  { name: '怀远', py: 'huaiyuan', at: [108.43, 24.552], size: 'village', area: '0778' },
  { name: '德胜', py: 'desheng', at: [108.33, 24.62], size: 'village', area: '0778' },
  { name: '河池', py: 'hechi', at: [108.16, 24.668], size: 'town', telecode: 'HCZ', area: '0778' },
  { name: '金城江', py: 'jinchengjiang', at: [108.05, 24.69], size: 'city', telecode: 'JJZ', area: '0778' },
  { name: '六甲', py: 'liujia', at: [107.83, 24.82], size: 'village', area: '0778' },
  { name: '车河', py: 'chehe', at: [107.65, 24.94], size: 'village', area: '0778' },
  { name: '南丹', py: 'nandan', at: [107.54, 24.98], size: 'town', telecode: 'NDZ', area: '0778' },
  // 衡柳铁路 (Hengyang–Liuzhou high-speed), Guangxi part
  { name: '永福南', py: 'yongfunan', at: [109.99, 24.94], size: 'town', telecode: 'YBZ', area: '0773' },
  { name: '鹿寨北', py: 'luzhaibei', at: [109.73, 24.528], size: 'town', telecode: 'LBZ', area: '0772' },
  // 柳南客运专线 (Liuzhou–Nanning high-speed)
  { name: '柳江', py: 'liujiang', at: [109.33, 24.262], size: 'town', telecode: 'UQZ', area: '0772' },
  { name: '来宾北', py: 'laibinbei', at: [109.25, 23.81], size: 'town', telecode: 'UCZ', area: '0772' },
  { name: '黎塘西', py: 'litangxi', at: [109.07, 23.238], size: 'village', telecode: 'LXZ', area: '0771' },
  { name: '宾阳', py: 'binyang', at: [108.81, 23.22], size: 'town', telecode: 'UKZ', area: '0771' },
  // 贵广高铁 (Guiyang–Guangzhou high-speed), Guangxi part
  { name: '三江南', py: 'sanjiangnan', at: [109.585, 25.745], size: 'town', telecode: 'SWZ', area: '0772' },
  { name: '桂林西', py: 'guilinxi', at: [110.205, 25.272], size: 'city', telecode: 'GEZ', area: '0773' },
  { name: '阳朔', py: 'yangshuo', at: [110.49, 24.78], size: 'town', telecode: 'YCZ', area: '0773' },
];

export const DEPARTMENT_STATIONS: Map<string, StationInfo & { py: string }> = new Map(
  STATION_LIST.map((s) => [s.name, { ...s, id: `st-${s.py}` }]),
);

/** A boundary or bend that is not a station: where the line leaves the department, or a corridor it must follow. */
const at = (p: LonLat, anchor = true) => ({ at: p, anchor });

export const DEPARTMENT_LINES: LineSpec[] = [
  {
    id: 'xianggui',
    name: '湘桂线',
    highSpeed: false,
    prefix: 'K',
    // Hengyang is K0; the department's part starts north of Lingchuan
    startKm: 341,
    halfWidthM: 10,
    spacingM: [130, 190],
    wiggle: { wavelengthM: [5000, 9000], amplitudeM: 900 },
    terrain: 'hilly',
    stops: [at([110.36, 25.47]), '灵川', '桂林北', '桂林', '桂林南', '苏桥', '永福', '黄冕', '鹿寨', '雒容', '柳州', '柳州南', '凤凰', '来宾', '大湾', '迁江', '黎塘', at([109.0, 23.115])],
    // a long chain (长链) left by a re-alignment south of Yongfu: 250 m of mileage occur twice
    chains: [{ afterStation: '永福', distanceM: 7000, behindM: 430, aheadM: 180 }],
    namedSites: [
      { siteType: 'bridge', name: '柳江特大桥', near: '柳州', offsetM: 1800, lengthM: 1150 },
      { siteType: 'bridge', name: '洛清江特大桥', near: '鹿寨', offsetM: -6500, lengthM: 720 },
      { siteType: 'bridge', name: '红水河特大桥', near: '来宾', offsetM: 3200, lengthM: 940 },
      { siteType: 'bridge', name: '漓江大桥', near: '桂林', offsetM: 1500, lengthM: 420 },
      { siteType: 'substation', name: '柳州牵引变电所', near: '柳州', offsetM: -2600 },
      { siteType: 'substation', name: '鹿寨牵引变电所', near: '鹿寨', offsetM: 1200 },
      { siteType: 'substation', name: '来宾牵引变电所', near: '来宾', offsetM: -1500 },
      { siteType: 'substation', name: '桂林北牵引变电所', near: '桂林北', offsetM: 1100 },
    ],
  },
  {
    id: 'jiaoliu',
    name: '焦柳线',
    highSpeed: false,
    prefix: 'K',
    // Jiaozuo is K0; Liuzhou lies at the far end of the line
    startKm: 1452,
    halfWidthM: 8,
    spacingM: [110, 170],
    wiggle: { wavelengthM: [3500, 7000], amplitudeM: 800 },
    terrain: 'mountain',
    stops: [at([109.76, 26.09]), at([109.68, 25.95], false), '三江', '丹洲', '融安', '融水', '和睦', '洛满', '沙塘', '柳州'],
    // a long chain of 750 m south of Rongshui
    chains: [{ afterStation: '融水', distanceM: 6000, behindM: 960, aheadM: 210 }],
    namedSites: [
      { siteType: 'bridge', name: '融江特大桥', near: '融水', offsetM: -3500, lengthM: 860 },
      { siteType: 'bridge', name: '浔江大桥', near: '三江', offsetM: 2200, lengthM: 460 },
      { siteType: 'tunnel', name: '丹洲隧道', near: '丹洲', offsetM: 3500, lengthM: 1650 },
      { siteType: 'level_crossing', name: '沙塘道口', near: '沙塘', offsetM: 900 },
      { siteType: 'substation', name: '融水牵引变电所', near: '融水', offsetM: 1500 },
    ],
  },
  {
    id: 'qiangui',
    name: '黔桂线',
    highSpeed: false,
    prefix: 'K',
    // Liuzhou is K0 of the Guizhou–Guangxi line
    startKm: 0,
    halfWidthM: 8,
    spacingM: [100, 160],
    wiggle: { wavelengthM: [3000, 6000], amplitudeM: 700 },
    terrain: 'mountain',
    stops: ['柳州', '进德', '三岔', '宜州', '怀远', '德胜', '河池', '金城江', '六甲', '车河', '南丹', at([107.45, 25.12])],
    // a short chain (短链): 350 m of mileage never appear west of Yizhou
    chains: [{ afterStation: '宜州', distanceM: 9000, behindM: 300, aheadM: 650 }],
    namedSites: [
      { siteType: 'bridge', name: '龙江特大桥', near: '宜州', offsetM: 4200, lengthM: 610 },
      { siteType: 'tunnel', name: '金城江隧道', near: '金城江', offsetM: 3800, lengthM: 1240 },
      { siteType: 'tunnel', name: '六甲隧道', near: '六甲', offsetM: -4200, lengthM: 2100 },
      { siteType: 'substation', name: '宜州牵引变电所', near: '宜州', offsetM: 1300 },
      { siteType: 'substation', name: '金城江牵引变电所', near: '金城江', offsetM: -1400 },
    ],
  },
  {
    id: 'hengliu-hsr',
    name: '衡柳铁路',
    highSpeed: true,
    prefix: 'K',
    startKm: 352,
    halfWidthM: 13,
    spacingM: [180, 240],
    wiggle: { wavelengthM: [14000, 24000], amplitudeM: 1400 },
    terrain: 'hilly',
    stops: [at([110.41, 25.48]), '桂林北', at([110.15, 25.16], false), '永福南', '鹿寨北', '柳州'],
    namedSites: [
      { siteType: 'bridge', name: '洛清江特大桥', near: '鹿寨北', offsetM: 5200, lengthM: 1320 },
      { siteType: 'tunnel', name: '永福隧道', near: '永福南', offsetM: -9000, lengthM: 2650 },
      { siteType: 'substation', name: '永福南牵引变电所', near: '永福南', offsetM: 2000 },
    ],
  },
  {
    id: 'liunan-hsr',
    name: '柳南客运专线',
    highSpeed: true,
    // design chainage, as on many newer lines
    prefix: 'DK',
    startKm: 0,
    halfWidthM: 13,
    spacingM: [180, 240],
    wiggle: { wavelengthM: [15000, 26000], amplitudeM: 1500 },
    terrain: 'plain',
    stops: ['柳州', '柳江', '来宾北', '黎塘西', '宾阳', at([108.67, 23.1])],
    // a short chain of 750 m south of Laibin North
    chains: [{ afterStation: '来宾北', distanceM: 12000, behindM: 120, aheadM: 870 }],
    namedSites: [
      { siteType: 'bridge', name: '柳江特大桥', near: '柳州', offsetM: 3300, lengthM: 1580 },
      { siteType: 'bridge', name: '红水河特大桥', near: '来宾北', offsetM: 5600, lengthM: 1270 },
      { siteType: 'substation', name: '来宾北牵引变电所', near: '来宾北', offsetM: 1800 },
      { siteType: 'substation', name: '宾阳牵引变电所', near: '宾阳', offsetM: -2200 },
    ],
  },
  {
    id: 'guiguang-hsr',
    name: '贵广高速铁路',
    highSpeed: true,
    prefix: 'K',
    startKm: 327,
    halfWidthM: 14,
    spacingM: [180, 240],
    wiggle: { wavelengthM: [12000, 20000], amplitudeM: 1300 },
    terrain: 'mountain',
    stops: [at([109.12, 25.86]), '三江南', at([109.93, 25.56], false), '桂林西', '阳朔', at([110.58, 24.62])],
    namedSites: [
      { siteType: 'bridge', name: '浔江特大桥', near: '三江南', offsetM: 2600, lengthM: 1080 },
      { siteType: 'tunnel', name: '天平山隧道', near: '三江南', offsetM: 21000, lengthM: 4820 },
      { siteType: 'substation', name: '三江南牵引变电所', near: '三江南', offsetM: -1800 },
      { siteType: 'substation', name: '桂林西牵引变电所', near: '桂林西', offsetM: 2100 },
    ],
  },
];
