import type { Agency, AgencyType, Jurisdiction, LonLat } from '@railjoint/contracts';
import type { Demo } from './generate.js';
import { haversineM, LocalProjection, roundCoord } from './geometry.js';
import { assembleNetwork, buildLine, toGeoJSON, type BuiltLine, type ChainSpec, type LineSpec, type StationInfo, type Terrain } from './network.js';
import { cnNumber, dutyPhone, placeName, uniqueName } from './names.js';
import { ownershipRanges, rangeOf, type RosterEntry } from './organisation.js';
import type { Rng } from './prng.js';
import { buildUsers } from './users.js';

/**
 * The national-scale demo, for load and scale tests: a synthetic network of more than 100,000 km
 * joining real cities (approximate positions) across China, with invented lines, stations,
 * counties and police. Fewer agencies and users per kilometre than the department demo.
 */

const TARGET_KM = 104_000;

/** [name, pinyin, lon, lat, telephone area code] */
const CITIES: Array<[string, string, number, number, string]> = [
  ['北京', 'beijing', 116.4, 39.9, '010'], ['天津', 'tianjin', 117.2, 39.13, '022'], ['石家庄', 'shijiazhuang', 114.51, 38.04, '0311'],
  ['太原', 'taiyuan', 112.55, 37.87, '0351'], ['呼和浩特', 'huhehaote', 111.75, 40.84, '0471'], ['沈阳', 'shenyang', 123.43, 41.8, '024'],
  ['大连', 'dalian', 121.61, 38.91, '0411'], ['长春', 'changchun', 125.32, 43.88, '0431'], ['哈尔滨', 'haerbin', 126.64, 45.76, '0451'],
  ['齐齐哈尔', 'qiqihaer', 123.95, 47.35, '0452'], ['牡丹江', 'mudanjiang', 129.63, 44.55, '0453'], ['上海', 'shanghai', 121.3, 31.2, '021'],
  ['南京', 'nanjing', 118.8, 32.06, '025'], ['杭州', 'hangzhou', 120.16, 30.27, '0571'], ['合肥', 'hefei', 117.23, 31.82, '0551'],
  ['福州', 'fuzhou', 119.3, 26.08, '0591'], ['厦门', 'xiamen', 118.09, 24.55, '0592'], ['南昌', 'nanchang', 115.86, 28.68, '0791'],
  ['济南', 'jinan', 117.0, 36.65, '0531'], ['青岛', 'qingdao', 120.3, 36.1, '0532'], ['郑州', 'zhengzhou', 113.63, 34.75, '0371'],
  ['武汉', 'wuhan', 114.31, 30.59, '027'], ['长沙', 'changsha', 112.94, 28.23, '0731'], ['广州', 'guangzhou', 113.26, 23.13, '020'],
  ['深圳', 'shenzhen', 114.06, 22.6, '0755'], ['南宁', 'nanning', 108.37, 22.82, '0771'], ['成都', 'chengdu', 104.07, 30.57, '028'],
  ['重庆', 'chongqing', 106.55, 29.56, '023'], ['贵阳', 'guiyang', 106.63, 26.65, '0851'], ['昆明', 'kunming', 102.83, 24.88, '0871'],
  ['拉萨', 'lasa', 91.13, 29.65, '0891'], ['西安', 'xian', 108.94, 34.34, '029'], ['兰州', 'lanzhou', 103.83, 36.06, '0931'],
  ['西宁', 'xining', 101.78, 36.62, '0971'], ['银川', 'yinchuan', 106.23, 38.49, '0951'], ['乌鲁木齐', 'wulumuqi', 87.62, 43.83, '0991'],
  ['徐州', 'xuzhou', 117.28, 34.2, '0516'], ['洛阳', 'luoyang', 112.45, 34.62, '0379'], ['襄阳', 'xiangyang', 112.14, 32.04, '0710'],
  ['宜昌', 'yichang', 111.29, 30.69, '0717'], ['怀化', 'huaihua', 110.0, 27.55, '0745'], ['衡阳', 'hengyang', 112.57, 26.89, '0734'],
  ['柳州', 'liuzhou', 109.41, 24.33, '0772'], ['桂林', 'guilin', 110.29, 25.27, '0773'], ['赣州', 'ganzhou', 114.93, 25.83, '0797'],
  ['鹰潭', 'yingtan', 117.07, 28.26, '0701'], ['九江', 'jiujiang', 116.0, 29.71, '0792'], ['阜阳', 'fuyang', 115.81, 32.89, '0558'],
  ['商丘', 'shangqiu', 115.65, 34.41, '0370'], ['蚌埠', 'bengbu', 117.39, 32.92, '0552'], ['包头', 'baotou', 109.84, 40.66, '0472'],
  ['大同', 'datong', 113.3, 40.08, '0352'], ['张家口', 'zhangjiakou', 114.89, 40.82, '0313'], ['秦皇岛', 'qinhuangdao', 119.6, 39.94, '0335'],
  ['锦州', 'jinzhou', 121.13, 41.1, '0416'], ['通辽', 'tongliao', 122.26, 43.62, '0475'], ['宝鸡', 'baoji', 107.24, 34.36, '0917'],
  ['天水', 'tianshui', 105.72, 34.58, '0938'], ['武威', 'wuwei', 102.64, 37.93, '0935'], ['张掖', 'zhangye', 100.45, 38.93, '0936'],
  ['嘉峪关', 'jiayuguan', 98.29, 39.77, '0937'], ['哈密', 'hami', 93.51, 42.82, '0902'], ['吐鲁番', 'tulufan', 89.19, 42.95, '0995'],
  ['库尔勒', 'kuerle', 86.15, 41.76, '0996'], ['格尔木', 'geermu', 94.9, 36.4, '0979'], ['达州', 'dazhou', 107.47, 31.21, '0818'],
  ['绵阳', 'mianyang', 104.68, 31.47, '0816'], ['六盘水', 'liupanshui', 104.83, 26.59, '0858'], ['遵义', 'zunyi', 106.93, 27.72, '0851'],
  ['湛江', 'zhanjiang', 110.36, 21.27, '0759'], ['汕头', 'shantou', 116.68, 23.35, '0754'], ['温州', 'wenzhou', 120.6, 28.0, '0577'],
  ['宁波', 'ningbo', 121.5, 29.87, '0574'], ['榆林', 'yulin', 109.73, 38.29, '0912'], ['延安', 'yanan', 109.49, 36.59, '0911'],
  ['邯郸', 'handan', 114.49, 36.61, '0310'], ['株洲', 'zhuzhou', 113.13, 27.83, '0731'], ['大理', 'dali', 100.23, 25.6, '0872'],
  ['攀枝花', 'panzhihua', 101.72, 26.58, '0812'], ['佳木斯', 'jiamusi', 130.32, 46.8, '0454'], ['赤峰', 'chifeng', 118.89, 42.26, '0476'],
];

/** The railway police bureaus (铁路公安局) and their seats. */
const BUREAUS: Array<[string, string]> = [
  ['哈尔滨', 'haerbin'], ['沈阳', 'shenyang'], ['北京', 'beijing'], ['太原', 'taiyuan'], ['呼和浩特', 'huhehaote'], ['郑州', 'zhengzhou'],
  ['武汉', 'wuhan'], ['西安', 'xian'], ['济南', 'jinan'], ['上海', 'shanghai'], ['南昌', 'nanchang'], ['广州', 'guangzhou'],
  ['南宁', 'nanning'], ['成都', 'chengdu'], ['昆明', 'kunming'], ['兰州', 'lanzhou'], ['乌鲁木齐', 'wulumuqi'], ['西宁', 'xining'],
];

interface City {
  name: string;
  py: string;
  at: LonLat;
  area: string;
}

export function buildNational(rng: Rng): Demo {
  const cities: City[] = CITIES.map(([name, py, lon, lat, area]) => ({ name, py, at: [lon, lat], area }));
  const registry = new Map<string, StationInfo>();
  const usedStationNames = new Set<string>(cities.map((c) => c.name));
  for (const c of cities) registry.set(c.name, { id: `st-${c.py}`, name: c.name, at: c.at, size: 'city', area: c.area });
  let stationSeq = 0;
  const makeStation = (r: Rng): StationInfo => {
    const name = uniqueName(usedStationNames, () => placeName(r));
    return { id: `st-n${++stationSeq}`, name, at: [0, 0], size: r.chance(0.25) ? 'town' : 'village' };
  };
  const usedLineNames = new Set<string>();
  const lineName = (base: string, suffix: string) => {
    let name = `${base}${suffix}`;
    for (let i = 2; usedLineNames.has(name); i++) name = `${base}${cnNumber(i)}${suffix}`;
    usedLineNames.add(name);
    return name;
  };

  const lines: BuiltLine[] = [];
  const lineDept = new Map<BuiltLine, City>();
  let totalM = 0;
  const build = (spec: LineSpec, home: City) => {
    const line = buildLine(spec, registry, rng.fork(`line:${spec.id}`));
    lines.push(line);
    lineDept.set(line, home);
    totalM += line.lengthM;
  };

  // trunk lines between neighbouring cities: a conventional line on every pair, a high-speed line on many
  const edges: Array<[City, City]> = [];
  const seen = new Set<string>();
  for (const a of cities) {
    const near = cities.filter((b) => b !== a).map((b) => ({ b, d: haversineM(a.at, b.at) })).sort((x, y) => x.d - y.d).slice(0, 4);
    for (const { b, d } of near) {
      const key = [a.py, b.py].sort().join('-');
      if (d > 1_300_000 || seen.has(key)) continue;
      seen.add(key);
      edges.push([a, b]);
    }
  }
  for (const [a, b] of edges) {
    const r = rng.fork(`edge:${a.py}-${b.py}`);
    build(trunkSpec(`n-${a.py}-${b.py}`, lineName(a.name[0]! + b.name[0]!, '线'), false, a, b, r, makeStation), a);
    if (r.chance(0.55)) build(trunkSpec(`h-${a.py}-${b.py}`, lineName(a.name[0]! + b.name[0]!, '高铁'), true, a, b, r, makeStation), a);
  }
  // branch lines off the trunk until the network is long enough
  let branch = 0;
  while (totalM < TARGET_KM * 1000) {
    const r = rng.fork(`branch:${branch}`);
    const a = r.pick(cities);
    const others = cities.filter((b) => b !== a && haversineM(a.at, b.at) < 900_000);
    if (others.length === 0) {
      branch++;
      continue;
    }
    const b = r.pick(others);
    const proj = new LocalProjection(a.at[0], a.at[1]);
    const pa = proj.toXY(a.at);
    const pb = proj.toXY(b.at);
    const f = r.range(0.35, 0.7);
    const off = r.range(-0.35, 0.35);
    const end = proj.toLonLat([pa[0] + (pb[0] - pa[0]) * f - (pb[1] - pa[1]) * off, pa[1] + (pb[1] - pa[1]) * f + (pb[0] - pa[0]) * off]);
    const endName = uniqueName(usedStationNames, () => placeName(r));
    registry.set(endName, { id: `st-e${branch}`, name: endName, at: [roundCoord(end[0]), roundCoord(end[1])], size: 'town' });
    const spec = trunkSpec(`b-${a.py}-${branch}`, lineName(a.name[0]! + endName[0]!, '支线'), false, a, { name: endName, py: `e${branch}`, at: end, area: a.area }, r, makeStation);
    build(spec, a);
    branch++;
  }
  const net = assembleNetwork(lines);
  const network = toGeoJSON(net);

  // organisation: bureau → department (one per home city) → police stations every 100–200 km
  const orgRng = rng.fork('organisation');
  const agencies: Agency[] = [];
  const jurisdictions: Jurisdiction[] = [];
  const roster: RosterEntry[] = [];
  const add = (id: string, name: string, type: AgencyType, parentId: string | null, area: string, code: string) => {
    const agency: Agency = { id, name, type, parentId, dutyPhone: dutyPhone(orgRng, area) };
    agencies.push(agency);
    roster.push({ agency, code });
  };
  const cityByName = new Map(cities.map((c) => [c.name, c]));
  const bureauOf = (c: City) => {
    let best = BUREAUS[0]!;
    let bestD = Infinity;
    for (const b of BUREAUS) {
      const d = haversineM(c.at, cityByName.get(b[0])!.at);
      if (d < bestD) {
        bestD = d;
        best = b;
      }
    }
    return best;
  };
  const usedBureaus = new Set<string>();
  const depts = new Map<string, { city: City; lines: BuiltLine[] }>();
  for (const line of lines) {
    const c = lineDept.get(line)!;
    const d = depts.get(c.py);
    if (d) d.lines.push(line);
    else depts.set(c.py, { city: c, lines: [line] });
    usedBureaus.add(bureauOf(c)[1]);
  }
  for (const [name, py] of BUREAUS) {
    if (!usedBureaus.has(py)) continue;
    const city = cityByName.get(name)!;
    add(`psb-${py}`, py === 'xining' ? '青藏铁路公安局' : `${name}铁路公安局`, 'railway_police_bureau', null, city.area, `b.${py}`);
    add(`tt-${py}`, `${name}乘警支队一大队`, 'train_police_team', `psb-${py}`, city.area, `tt.${py}`);
    jurisdictions.push({ agencyId: `tt-${py}`, kind: 'train', trains: trainNumbers(orgRng) });
  }
  const usedPsNames = new Set<string>();
  const stationOwner = new Set<string>();
  let psSeq = 0;
  for (const { city, lines: deptLines } of depts.values()) {
    const deptId = `psd-${city.py}`;
    add(deptId, `${city.name}铁路公安处`, 'railway_police_department', `psb-${bureauOf(city)[1]}`, city.area, `d.${city.py}`);
    add(`cc-${city.py}`, `${city.name}铁路公安处联防联控一体化协调中心`, 'coordination_centre', deptId, city.area, `c.${city.py}`);
    add(`tm-${city.py}`, `${city.name}工务段`, 'track_maintenance_section', null, city.area, `tm.${city.py}`);
    add(`pw-${city.py}`, `${city.name}供电段`, 'power_supply_section', null, city.area, `pw.${city.py}`);
    for (const line of deptLines) {
      jurisdictions.push(rangeOf(line, `tm-${city.py}`, 0, line.lengthM), rangeOf(line, `pw-${city.py}`, 0, line.lengthM));
      // group consecutive stations into police-station beats of 100–200 km
      const owner = new Map<string, string>();
      let groupStart = -Infinity;
      let current = '';
      let span = orgRng.range(100_000, 200_000);
      for (const st of line.stations) {
        if (st.measure - groupStart > span) {
          groupStart = st.measure;
          span = orgRng.range(100_000, 200_000);
          current = `ps-${++psSeq}`;
          const base = `${st.info.name}站派出所`;
          const name = usedPsNames.has(base) ? `${line.spec.name}${st.info.name}站派出所` : base;
          usedPsNames.add(name);
          add(current, name, 'railway_police_station', deptId, city.area, `ps${psSeq}`);
        }
        owner.set(st.info.id, current);
        if (!stationOwner.has(st.info.id)) {
          stationOwner.add(st.info.id);
          jurisdictions.push({ agencyId: current, kind: 'station', stationId: st.info.id });
        }
      }
      jurisdictions.push(...ownershipRanges(line, (s) => owner.get(s.id)));
    }
  }

  // local police: one county per 1° cell a line passes through, split into two townships
  const cells = new Map<string, [number, number]>();
  for (const line of lines) {
    for (const v of line.postVertex) {
      const p = line.coords[v]!;
      const x = Math.floor(p[0]);
      const y = Math.floor(p[1]);
      cells.set(`${x},${y}`, [x, y]);
    }
  }
  const usedCounty = new Set<string>();
  let cbSeq = 0;
  for (const [x, y] of [...cells.values()].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
    const name = uniqueName(usedCounty, () => placeName(orgRng));
    const id = `cb-${++cbSeq}`;
    const area = nearestCity(cities, [x + 0.5, y + 0.5]).area;
    add(id, `${name}县公安局`, 'county_police_bureau', null, area, `cb${cbSeq}`);
    jurisdictions.push({ agencyId: id, kind: 'area', geometry: { type: 'Polygon', coordinates: [box(x, y, x + 1, y + 1)] } });
    const halves: Array<[string, number, number]> = [['西', x, x + 0.5], ['东', x + 0.5, x + 1]];
    halves.forEach(([side, x0, x1], i) => {
      const tid = `${id}-t${i + 1}`;
      add(tid, `${name}县城${side}镇`, 'township', id, area, tid);
      jurisdictions.push({ agencyId: tid, kind: 'area', geometry: { type: 'Polygon', coordinates: [box(x0, y, x1, y + 1)] } });
    });
  }
  const users = buildUsers(roster, { seatsPer: 1, skip: ['township'] });
  return { network, organisation: { agencies, jurisdictions }, users };
}

function trunkSpec(id: string, name: string, highSpeed: boolean, a: City, b: City, r: Rng, makeStation: (r: Rng) => StationInfo): LineSpec {
  const terrain: Terrain = Math.min(a.at[0], b.at[0]) < 105 ? 'mountain' : r.pick(['plain', 'plain', 'hilly', 'mountain'] as const);
  const d = haversineM(a.at, b.at);
  const chains: ChainSpec[] = [];
  const nChains = Math.floor(d / 350_000) + (r.chance(0.5) ? 1 : 0);
  for (let i = 0; i < nChains; i++) {
    const long = r.chance(0.5);
    const behindM = long ? r.int(400, 950) : r.int(50, 500);
    const aheadM = long ? behindM - r.int(40, 350) : behindM + r.int(40, 450);
    chains.push({ distanceM: ((i + r.range(0.3, 0.7)) * d) / Math.max(1, nChains), behindM, aheadM });
  }
  return {
    id,
    name,
    highSpeed,
    prefix: highSpeed && r.chance(0.3) ? 'DK' : 'K',
    startKm: highSpeed || r.chance(0.5) ? 0 : r.int(1, 1500),
    halfWidthM: highSpeed ? 13 : r.pick([8, 10, 12]),
    spacingM: [200, 250],
    wiggle: highSpeed ? { wavelengthM: [20000, 40000], amplitudeM: 4000 } : { wavelengthM: [8000, 20000], amplitudeM: 3000 },
    terrain,
    stops: [a.name, b.name],
    chains,
    midStations: { everyM: highSpeed ? [30000, 60000] : [12000, 30000], make: makeStation },
    siteSpacing: 2,
    gateEveryM: [6000, 12000],
  };
}

function nearestCity(cities: readonly City[], p: LonLat): City {
  let best = cities[0]!;
  let bestD = Infinity;
  for (const c of cities) {
    const d = haversineM(c.at, p);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function box(x0: number, y0: number, x1: number, y1: number): LonLat[] {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

function trainNumbers(r: Rng): string[] {
  const out = new Set<string>();
  while (out.size < 8) out.add(`${r.pick(['G', 'D', 'K', 'Z', 'T'] as const)}${r.int(1, 9999)}`);
  return [...out];
}
