import type { ZodError } from 'zod';
import { formatPath, type ApiErrorCode } from '@railjoint/contracts';
import { issueZh } from './field-wording.js';

export type Lang = 'zh-CN' | 'en';

/**
 * A sentence a refusal says, in both languages the console speaks. An error is thrown deep in a
 * service that does not know who asked; the error handler answers in the request's language
 * (`Accept-Language`), so whoever throws words it both ways, and the type insists on both.
 */
export class Said {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {}

  in(lang: Lang): string {
    return lang === 'en' ? this.en : this.zh;
  }

  /** The English, where a Said ends up in a template (a log line, the CLI). */
  toString(): string {
    return this.en;
  }
}

export const said = (zh: string, en: string): Said => new Said(zh, en);

/**
 * What an error caught from below says: its own Said when it carries one (a NetworkError, a
 * ResolveError, an HttpError), else its English message for both languages.
 */
export function saidOf(e: unknown): Said {
  if (e instanceof HttpError) return e.said;
  const carried = e && typeof e === 'object' ? (e as { said?: unknown }).said : undefined;
  if (carried instanceof Said) return carried;
  const text = e instanceof Error ? e.message : String(e);
  return said(text, text);
}

/** Several sentences as one, each language with its own separator. */
export const joinSaid = (parts: readonly Said[]): Said => said(parts.map((p) => p.zh).join('；'), parts.map((p) => p.en).join('; '));

export interface FieldError {
  field: string;
  message: Said;
  /** a code the console words beside the field (a refused password's reason) */
  reason?: string;
}

/** What an error carries besides its message; `fields` name the inputs it is about. */
export type ErrorDetails = { fields?: FieldError[] } & Record<string, unknown>;

/** An error meant for the client: its status, code and message (in the reader's language) are sent as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly said: Said,
    readonly details?: ErrorDetails,
  ) {
    // the English for logs and for code that reads `message`
    super(said.en);
    this.name = 'HttpError';
  }

  /** The details as a reader of `lang` gets them: every Said in them worded. */
  detailsIn(lang: Lang): unknown {
    return this.details === undefined ? undefined : wordAll(this.details, lang);
  }
}

function wordAll(value: unknown, lang: Lang): unknown {
  if (value instanceof Said) return value.in(lang);
  if (Array.isArray(value)) return value.map((v) => wordAll(v, lang));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wordAll(v, lang)]));
  }
  return value;
}

/** The things a request can name that may not exist (or may not be seen: the answer is the same). */
const THINGS = {
  agency: said('单位', 'agency'),
  agreement: said('数据共享协议', 'data-sharing agreement'),
  alarm: said('报警', 'alarm'),
  'alarm group': said('报警组', 'alarm group'),
  alert: said('告警', 'alert'),
  assignment: said('派警任务', 'assignment'),
  'assessment site': said('防卫空间评估点', 'assessment site'),
  assessment: said('防卫空间评估', 'assessment'),
  attachment: said('附件', 'attachment'),
  bulletin: said('通报', 'bulletin'),
  checkpoint: said('巡防点', 'checkpoint'),
  command: said('联合指挥部', 'joint command'),
  device: said('设备', 'device'),
  duty: said('巡逻勤务', 'patrol duty'),
  finding: said('巡查发现', 'finding'),
  hazard: said('安全隐患', 'hazard'),
  incident: said('警情', 'incident'),
  briefing: said('警情通报', 'briefing'),
  'maintenance window': said('天窗', 'maintenance window'),
  meeting: said('联席会议', 'joint meeting'),
  member: said('队员', 'team member'),
  message: said('消息', 'message'),
  node: said('联网节点', 'node'),
  'Open311 client': said('Open311 接入应用', 'Open311 client'),
  patrol: said('巡逻', 'patrol'),
  'patrol alert': said('巡防告警', 'patrol alert'),
  'patrol plan': said('巡逻计划', 'patrol plan'),
  photo: said('照片', 'photo'),
  plan: said('巡逻计划', 'patrol plan'),
  report: said('群众报告', 'report'),
  'responsibility list version': said('权责清单版本', 'responsibility list version'),
  'responsibility list draft': said('权责清单草稿', 'responsibility list draft'),
  'cooperation agreement': said('联防联控协议', 'cooperation agreement'),
  seat: said('席位', 'seat'),
  'section chief assignment': said('双段长分工', 'section chief assignment'),
  'situation report': said('情况报告', 'situation report'),
  'shift log': said('交接班记录', 'shift log'),
  task: said('指令', 'task'),
  team: said('巡防队', 'team'),
  token: said('查询码', 'tracking code'),
  unit: said('警力', 'unit'),
  user: said('用户', 'user'),
  webhook: said('Webhook', 'webhook'),
} as const;
export type Thing = keyof typeof THINGS;

export const badRequest = (code: ApiErrorCode, message: Said, details?: ErrorDetails) => new HttpError(400, code, message, details);
export const unauthorized = (message = said('请先登录', 'sign in first')) => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = said('没有执行此操作的权限', 'not allowed')) => new HttpError(403, 'forbidden', message);
/** Also used where a thing exists but the caller may not see it: hiding existence is the point. */
export const notFound = (what: Thing) => new HttpError(404, 'not_found', said(`${THINGS[what].zh}不存在`, `${THINGS[what].en} not found`));
export const conflict = (code: ApiErrorCode, message: Said, details?: ErrorDetails) => new HttpError(409, code, message, details);
export const unprocessable = (code: ApiErrorCode, message: Said, details?: ErrorDetails) => new HttpError(422, code, message, details);

/**
 * Every failed field of a zod error, each named by its full path (e.g. `body.points.3.1`), its
 * message in both languages (zod's English, and ours in Chinese).
 */
export function fieldErrors(error: ZodError, root: string): FieldError[] {
  return error.issues.map((issue) => ({ field: formatPath(issue.path, root), message: said(issueZh(issue), issue.message) }));
}

/** One field's refusal, the way services name what is wrong with an input. */
export const fieldError = (field: string, zh: string, en: string): FieldError => ({ field, message: said(zh, en) });

export function validationError(fields: FieldError[]): HttpError {
  const names = [...new Set(fields.map((f) => f.field))];
  const first = fields[0]?.message;
  const zhNames = names.slice(0, 5).join('、') + (names.length > 5 ? ` 等 ${names.length} 项` : '');
  const enNames = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return new HttpError(400, 'validation_failed', said(`${zhNames} 有误：${first?.zh ?? ''}`, `invalid ${enNames}: ${first?.en ?? ''}`.trim()), { fields });
}
