/** The console's addresses: every room and every incident and bulletin has its own, so a link or a reload keeps it open. */
export const SIGN_IN_PATH = '/signin';

export const paths = {
  map: '/map',
  incidents: '/incidents',
  incident: (code: string) => `/incidents/${encodeURIComponent(code)}`,
  units: '/units',
  bulletins: '/bulletins',
  bulletin: (code: string) => `/bulletins/${encodeURIComponent(code)}`,
  mobile: '/mobile',
  /** 技防: alarms, device health, maintenance windows and the ISA-18.2 figures */
  defence: '/defence',
  defenceTab: (tab: 'alarms' | 'devices' | 'windows' | 'kpi') => `/defence/${tab}`,
  /** 隐患: the hazard list (each hazard at its own address) and the ledger */
  hazards: '/hazards',
  hazardsTab: (tab: 'list' | 'ledger' | 'space') => `/hazards/${tab}`,
  spaceSite: (id: string) => `/hazards/space/${encodeURIComponent(id)}`,
  /** 联席会议: joint meetings, each at its own address */
  meetings: '/meetings',
  meeting: (id: string) => `/meetings/${encodeURIComponent(id)}`,
  /** 警情通报: daily, weekly and monthly briefings, each at its own address */
  briefings: '/briefings',
  briefing: (id: string) => `/briefings/${encodeURIComponent(id)}`,
  /** 指挥大屏: the centre's wall, full screen without the console's top bar */
  wall: '/wall',
  /** 权责清单: the published power-and-responsibility list and its versions */
  responsibilityList: '/responsibility-list',
  /** 协议: cooperation agreements (联防联控协议), each at its own address */
  agreements: '/agreements',
  agreement: (id: string) => `/agreements/${encodeURIComponent(id)}`,
  /** 考核: the assessment of the agencies per month and quarter */
  assessment: '/assessment',
  /** 协同评价: the indicators by SFIC component and the quarterly survey */
  sfic: '/sfic',
  /** 指标: the indicators per agency for a month, with the records behind each figure */
  indicators: '/indicators',
  hazard: (id: string) => `/hazards/list/${encodeURIComponent(id)}`,
  /** 风险: the risk strip along a line and the backtest of the methods */
  risk: '/risk',
  riskTab: (tab: 'strip' | 'backtest' | 'posts' | 'patrols' | 'what-if' | 'effectiveness') => `/risk/${tab}`,
} as const;

/** Where a signed-out visitor is sent: the sign-in page, remembering the page they asked for. */
export function signInPathFor(pathname: string, search: string): string {
  return pathname === '/' || pathname === SIGN_IN_PATH ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(pathname + search)}`;
}

/**
 * Where to go after signing in. Only a path on this site: `?next=//evil.example` or
 * `?next=https://…` would make the sign-in page an open redirect, a phishing aid. Backslashes
 * count as slashes to browsers, so `/\\evil.example` is refused too.
 */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.startsWith(SIGN_IN_PATH)) return '/';
  return next;
}
