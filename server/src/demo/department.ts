import type { AgencyType, LonLat } from '@railjoint/contracts';

/**
 * Who is who in the demo department: the local police bureaus the lines cross (real county and
 * district names, approximate seats), their townships, the railway police stations and the
 * railway operator units. Which township a station lies in is real where it is given; the
 * polygons drawn from it are synthetic.
 */

export interface TownshipSpec {
  name: string;
  py: string;
  /** stations inside this township; their points seed the township's area */
  stations?: string[];
}

export interface CountySpec {
  name: string;
  py: string;
  /** approximate seat of the county government (lon, lat) */
  seat: LonLat;
  area: string;
  /** city districts get small townships (街道) */
  urban?: boolean;
  townships: TownshipSpec[];
}

const t = (name: string, py: string, ...stations: string[]): TownshipSpec => (stations.length ? { name, py, stations } : { name, py });

export const COUNTIES: CountySpec[] = [
  // 柳州市
  { name: '城中区', py: 'chengzhong', seat: [109.412, 24.322], area: '0772', urban: true, townships: [t('城中街道', 'chengzhong'), t('公园街道', 'gongyuan'), t('潭中街道', 'tanzhong')] },
  { name: '柳北区', py: 'liubei', seat: [109.402, 24.37], area: '0772', urban: true, townships: [t('解放街道', 'jiefang'), t('雅儒街道', 'yaru'), t('白露街道', 'bailu'), t('沙塘镇', 'shatang', '沙塘'), t('长塘镇', 'changtang')] },
  { name: '柳南区', py: 'liunan', seat: [109.385, 24.285], area: '0772', urban: true, townships: [t('南站街道', 'nanzhan', '柳州'), t('柳石街道', 'liushi', '柳州南'), t('河西街道', 'hexi'), t('洛满镇', 'luoman', '洛满'), t('太阳村镇', 'taiyangcun')] },
  { name: '鱼峰区', py: 'yufeng', seat: [109.452, 24.305], area: '0772', urban: true, townships: [t('天马街道', 'tianma'), t('荣军街道', 'rongjun'), t('雒容镇', 'luorong', '雒容'), t('洛埠镇', 'luobu')] },
  { name: '柳江区', py: 'liujiang', seat: [109.326, 24.255], area: '0772', townships: [t('拉堡镇', 'labao', '柳江'), t('进德镇', 'jinde', '进德'), t('穿山镇', 'chuanshan'), t('成团镇', 'chengtuan')] },
  { name: '柳城县', py: 'liucheng', seat: [109.24, 24.65], area: '0772', townships: [t('大埔镇', 'dapu'), t('龙头镇', 'longtou'), t('东泉镇', 'dongquan')] },
  { name: '鹿寨县', py: 'luzhai', seat: [109.752, 24.473], area: '0772', townships: [t('鹿寨镇', 'luzhai', '鹿寨', '鹿寨北'), t('黄冕镇', 'huangmian', '黄冕'), t('中渡镇', 'zhongdu'), t('寨沙镇', 'zhaisha')] },
  { name: '融安县', py: 'rongan', seat: [109.398, 25.224], area: '0772', townships: [t('长安镇', 'changan', '融安'), t('浮石镇', 'fushi'), t('大将镇', 'dajiang')] },
  { name: '融水苗族自治县', py: 'rongshui', seat: [109.256, 25.066], area: '0772', townships: [t('融水镇', 'rongshui', '融水'), t('和睦镇', 'hemu', '和睦'), t('三防镇', 'sanfang')] },
  { name: '三江侗族自治县', py: 'sanjiang', seat: [109.607, 25.783], area: '0772', townships: [t('古宜镇', 'guyi', '三江', '三江南'), t('丹洲镇', 'danzhou', '丹洲'), t('斗江镇', 'doujiang'), t('林溪镇', 'linxi')] },
  // 来宾市
  { name: '兴宾区', py: 'xingbin', seat: [109.221, 23.733], area: '0772', townships: [t('城东街道', 'chengdong', '来宾'), t('城北街道', 'chengbei', '来宾北'), t('凤凰镇', 'fenghuang', '凤凰'), t('大湾镇', 'dawan', '大湾'), t('迁江镇', 'qianjiang', '迁江'), t('良江镇', 'liangjiang')] },
  { name: '象州县', py: 'xiangzhou', seat: [109.705, 23.958], area: '0772', townships: [t('象州镇', 'xiangzhou'), t('石龙镇', 'shilong'), t('运江镇', 'yunjiang')] },
  { name: '武宣县', py: 'wuxuan', seat: [109.663, 23.594], area: '0772', townships: [t('武宣镇', 'wuxuan'), t('桐岭镇', 'tongling'), t('三里镇', 'sanli')] },
  { name: '忻城县', py: 'xincheng', seat: [108.665, 24.066], area: '0772', townships: [t('城关镇', 'chengguan'), t('大塘镇', 'datang'), t('红渡镇', 'hongdu')] },
  { name: '合山市', py: 'heshan', seat: [108.886, 23.807], area: '0772', townships: [t('岭南镇', 'lingnan'), t('北泗镇', 'beisi'), t('河里镇', 'heli')] },
  // 河池市
  { name: '宜州区', py: 'yizhou', seat: [108.636, 24.485], area: '0778', townships: [t('庆远镇', 'qingyuan', '宜州'), t('三岔镇', 'sancha', '三岔'), t('怀远镇', 'huaiyuan', '怀远'), t('德胜镇', 'desheng', '德胜'), t('洛西镇', 'luoxi')] },
  { name: '金城江区', py: 'jinchengjiang', seat: [108.037, 24.689], area: '0778', townships: [t('金城江街道', 'jinchengjiang', '金城江'), t('河池镇', 'hechi', '河池'), t('六甲镇', 'liujia', '六甲'), t('东江镇', 'dongjiang')] },
  { name: '环江毛南族自治县', py: 'huanjiang', seat: [108.258, 24.826], area: '0778', townships: [t('思恩镇', 'sien'), t('水源镇', 'shuiyuan'), t('洛阳镇', 'luoyang')] },
  { name: '罗城仫佬族自治县', py: 'luocheng', seat: [108.904, 24.777], area: '0778', townships: [t('东门镇', 'dongmen'), t('龙岸镇', 'longan'), t('小长安镇', 'xiaochangan')] },
  { name: '南丹县', py: 'nandan', seat: [107.541, 24.975], area: '0778', townships: [t('城关镇', 'chengguan', '南丹'), t('车河镇', 'chehe', '车河'), t('大厂镇', 'dachang'), t('六寨镇', 'liuzhai')] },
  // 桂林市
  { name: '秀峰区', py: 'xiufeng', seat: [110.264, 25.282], area: '0773', urban: true, townships: [t('秀峰街道', 'xiufeng'), t('丽君街道', 'lijun'), t('甲山街道', 'jiashan')] },
  { name: '叠彩区', py: 'diecai', seat: [110.302, 25.314], area: '0773', urban: true, townships: [t('北门街道', 'beimen', '桂林北'), t('叠彩街道', 'diecai'), t('大河乡', 'dahe')] },
  { name: '象山区', py: 'xiangshan', seat: [110.281, 25.262], area: '0773', urban: true, townships: [t('南门街道', 'nanmen', '桂林'), t('平山街道', 'pingshan', '桂林南'), t('二塘乡', 'ertang')] },
  { name: '七星区', py: 'qixing', seat: [110.318, 25.253], area: '0773', urban: true, townships: [t('东江街道', 'dongjiang'), t('穿山街道', 'chuanshan'), t('朝阳乡', 'chaoyang')] },
  { name: '雁山区', py: 'yanshan', seat: [110.307, 25.078], area: '0773', townships: [t('雁山镇', 'yanshan'), t('柘木镇', 'zhemu'), t('大埠乡', 'dabu')] },
  { name: '临桂区', py: 'lingui', seat: [110.205, 25.239], area: '0773', townships: [t('临桂镇', 'lingui', '桂林西'), t('两江镇', 'liangjiang'), t('会仙镇', 'huixian'), t('五通镇', 'wutong')] },
  { name: '灵川县', py: 'lingchuan', seat: [110.325, 25.409], area: '0773', townships: [t('灵川镇', 'lingchuan', '灵川'), t('定江镇', 'dingjiang'), t('三街镇', 'sanjie'), t('大圩镇', 'daxu')] },
  { name: '永福县', py: 'yongfu', seat: [109.983, 24.98], area: '0773', townships: [t('永福镇', 'yongfu', '永福', '永福南'), t('苏桥镇', 'suqiao', '苏桥'), t('罗锦镇', 'luojin'), t('堡里镇', 'baoli')] },
  { name: '阳朔县', py: 'yangshuo', seat: [110.496, 24.778], area: '0773', townships: [t('阳朔镇', 'yangshuo', '阳朔'), t('白沙镇', 'baisha'), t('兴坪镇', 'xingping')] },
  { name: '龙胜各族自治县', py: 'longsheng', seat: [110.011, 25.798], area: '0773', townships: [t('龙胜镇', 'longsheng'), t('三门镇', 'sanmen'), t('瓢里镇', 'piaoli')] },
  // 南宁市
  { name: '宾阳县', py: 'binyang', seat: [108.81, 23.217], area: '0771', townships: [t('宾州镇', 'binzhou', '宾阳'), t('黎塘镇', 'litang', '黎塘', '黎塘西'), t('新桥镇', 'xinqiao'), t('思陇镇', 'silong')] },
];

/** Railway police stations (派出所) and the stations they look after; line ranges follow from these. */
export const POLICE_STATIONS: Array<{ code: string; name: string; stations: string[] }> = [
  { code: 'guilinbei', name: '桂林北站派出所', stations: ['灵川', '桂林北'] },
  { code: 'guilin', name: '桂林站派出所', stations: ['桂林', '桂林南'] },
  { code: 'guilinxi', name: '桂林西站派出所', stations: ['桂林西', '阳朔'] },
  { code: 'yongfu', name: '永福站派出所', stations: ['苏桥', '永福', '永福南'] },
  { code: 'luzhai', name: '鹿寨站派出所', stations: ['黄冕', '鹿寨', '鹿寨北'] },
  { code: 'liuzhou', name: '柳州站派出所', stations: ['雒容', '柳州', '沙塘', '进德'] },
  { code: 'liuzhounan', name: '柳州南站派出所', stations: ['柳州南', '柳江', '凤凰'] },
  { code: 'laibin', name: '来宾站派出所', stations: ['来宾', '来宾北', '大湾', '迁江'] },
  { code: 'litang', name: '黎塘站派出所', stations: ['黎塘', '黎塘西'] },
  { code: 'binyang', name: '宾阳站派出所', stations: ['宾阳'] },
  { code: 'sanjiangnan', name: '三江南站派出所', stations: ['三江南', '三江', '丹洲'] },
  { code: 'rongan', name: '融安站派出所', stations: ['融安'] },
  { code: 'rongshui', name: '融水站派出所', stations: ['融水', '和睦', '洛满'] },
  { code: 'yizhou', name: '宜州站派出所', stations: ['三岔', '宜州', '怀远'] },
  { code: 'hechi', name: '河池站派出所', stations: ['德胜', '河池'] },
  { code: 'jinchengjiang', name: '金城江站派出所', stations: ['金城江', '六甲'] },
  { code: 'nandan', name: '南丹站派出所', stations: ['车河', '南丹'] },
];

export const TRAIN_TEAMS: Array<{ code: string; name: string; trains: string[] }> = [
  { code: 'cj1', name: '柳州乘警支队一大队', trains: ['K149', 'K150', 'K1206', 'K1207', 'K9305', 'K9306', 'T8701', 'T8702'] },
  { code: 'cj2', name: '柳州乘警支队二大队', trains: ['Z285', 'Z286', 'K1166', 'K1167', 'K9313', 'K9314', 'K9321', 'K9322'] },
  { code: 'cj3', name: '柳州乘警支队三大队', trains: ['G1501', 'G1502', 'G2906', 'G2907', 'D3601', 'D3602', 'D8251', 'D8252', 'D8291', 'D8292'] },
];

/** Operator units; `lines` lists, per line, the stations whose stretch the unit maintains (none: the whole line). */
export interface UnitSpec {
  id: string;
  code: string;
  name: string;
  type: Extract<AgencyType, 'railway_station' | 'track_maintenance_section' | 'power_supply_section' | 'security_company'>;
  area: string;
  stations?: string[];
  lines?: Array<{ lineId: string; stations?: string[]; firstKm?: number }>;
}

const GUILIN_XIANGGUI = ['灵川', '桂林北', '桂林', '桂林南', '苏桥', '永福'];
const LIUZHOU_XIANGGUI = ['黄冕', '鹿寨', '雒容', '柳州', '柳州南', '凤凰', '来宾', '大湾', '迁江', '黎塘'];

export const UNITS: UnitSpec[] = [
  { id: 'rs-liuzhou', code: 'rs.liuzhou', name: '柳州站', type: 'railway_station', area: '0772', stations: ['柳州', '雒容', '沙塘', '进德', '洛满'] },
  { id: 'rs-liuzhounan', code: 'rs.liuzhounan', name: '柳州南站', type: 'railway_station', area: '0772', stations: ['柳州南', '柳江', '凤凰'] },
  { id: 'rs-guilinbei', code: 'rs.guilinbei', name: '桂林北站', type: 'railway_station', area: '0773', stations: ['桂林北', '灵川'] },
  { id: 'rs-guilin', code: 'rs.guilin', name: '桂林站', type: 'railway_station', area: '0773', stations: ['桂林', '桂林南', '苏桥', '永福', '永福南', '桂林西', '阳朔'] },
  { id: 'rs-luzhai', code: 'rs.luzhai', name: '鹿寨站', type: 'railway_station', area: '0772', stations: ['鹿寨', '黄冕', '鹿寨北'] },
  { id: 'rs-laibin', code: 'rs.laibin', name: '来宾站', type: 'railway_station', area: '0772', stations: ['来宾', '来宾北', '大湾', '迁江', '黎塘', '黎塘西', '宾阳'] },
  { id: 'rs-sanjiangnan', code: 'rs.sanjiangnan', name: '三江南站', type: 'railway_station', area: '0772', stations: ['三江南', '三江', '丹洲', '融安', '融水', '和睦'] },
  { id: 'rs-yizhou', code: 'rs.yizhou', name: '宜州站', type: 'railway_station', area: '0778', stations: ['宜州', '三岔', '怀远', '德胜'] },
  { id: 'rs-jinchengjiang', code: 'rs.jinchengjiang', name: '金城江站', type: 'railway_station', area: '0778', stations: ['金城江', '河池', '六甲', '车河', '南丹'] },
  {
    id: 'tm-guilin', code: 'tm.guilin', name: '桂林工务段', type: 'track_maintenance_section', area: '0773',
    lines: [{ lineId: 'xianggui', stations: GUILIN_XIANGGUI }],
  },
  {
    id: 'tm-liuzhou', code: 'tm.liuzhou', name: '柳州工务段', type: 'track_maintenance_section', area: '0772',
    lines: [{ lineId: 'xianggui', stations: LIUZHOU_XIANGGUI }, { lineId: 'jiaoliu' }, { lineId: 'qiangui', stations: ['柳州', '进德', '三岔'] }],
  },
  {
    id: 'tm-jinchengjiang', code: 'tm.jinchengjiang', name: '金城江工务段', type: 'track_maintenance_section', area: '0778',
    lines: [{ lineId: 'qiangui', stations: ['宜州', '怀远', '德胜', '河池', '金城江', '六甲', '车河', '南丹'] }],
  },
  {
    id: 'tm-guilin-hsr', code: 'tm.guilinhsr', name: '桂林高铁工务段', type: 'track_maintenance_section', area: '0773',
    lines: [{ lineId: 'hengliu-hsr' }, { lineId: 'guiguang-hsr' }],
  },
  {
    id: 'tm-nanning-hsr', code: 'tm.nanninghsr', name: '南宁高铁工务段', type: 'track_maintenance_section', area: '0771',
    lines: [{ lineId: 'liunan-hsr' }],
  },
  {
    id: 'pw-guilin', code: 'pw.guilin', name: '桂林供电段', type: 'power_supply_section', area: '0773',
    lines: [{ lineId: 'xianggui', stations: GUILIN_XIANGGUI }, { lineId: 'hengliu-hsr' }, { lineId: 'guiguang-hsr' }],
  },
  {
    id: 'pw-liuzhou', code: 'pw.liuzhou', name: '柳州供电段', type: 'power_supply_section', area: '0772',
    lines: [{ lineId: 'xianggui', stations: LIUZHOU_XIANGGUI }, { lineId: 'jiaoliu' }, { lineId: 'qiangui' }],
  },
  {
    id: 'pw-nanning', code: 'pw.nanning', name: '南宁供电段', type: 'power_supply_section', area: '0771',
    lines: [{ lineId: 'liunan-hsr' }],
  },
  {
    // guards bridges and gates on the high-speed lines near Liuzhou under contract
    id: 'sec-liuzhou', code: 'sec.liuzhou', name: '柳州铁安保安服务有限公司', type: 'security_company', area: '0772',
    lines: [{ lineId: 'liunan-hsr', firstKm: 30 }, { lineId: 'hengliu-hsr', firstKm: -30 }],
  },
];

/** Villages along conventional lines that run a joint-defence team (护路联防队); named after their township. */
export const VOLUNTEER_STATIONS = ['洛满', '雒容', '黄冕', '进德', '丹洲', '三岔', '大湾', '六甲'];
