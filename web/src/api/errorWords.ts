import type { ApiErrorCode } from '@railjoint/contracts';
import type { Language } from '../app/i18n/languages';

/**
 * The console's own wording of every API error code, for answers whose message is not in the
 * console's language: a proxy's or load balancer's refusal, a raw answer written before any
 * request header was read (no Content-Language), an older server. The server's message wins
 * whenever it was worded in the console's language. Typed by the contract's list, so a new code
 * fails the type check until it is worded here.
 */
export const ERROR_WORDS: Record<ApiErrorCode, { zh: string; en: string }> = {
  // the HTTP edge
  bad_request: { zh: '请求有误。', en: 'The request is not valid.' },
  bad_url: { zh: '请求地址有误。', en: 'The request address is not valid.' },
  bad_websocket_handshake: { zh: '实时连接握手失败。', en: 'The live connection could not be opened.' },
  body_too_large: { zh: '请求内容过大。', en: 'The request is too large.' },
  headers_too_large: { zh: '请求头过大。', en: 'The request headers are too large.' },
  invalid_json: { zh: '请求内容不是有效的 JSON。', en: 'The request is not valid JSON.' },
  method_not_allowed: { zh: '不支持此请求方式。', en: 'This method is not allowed here.' },
  path_parameter_too_long: { zh: '请求地址中的参数过长。', en: 'A parameter in the address is too long.' },
  request_timeout: { zh: '请求超时。', en: 'The request timed out.' },
  unsupported_media_type: { zh: '不支持此内容类型。', en: 'This content type is not accepted.' },
  upgrade_required: { zh: '此接口需要实时连接（WebSocket）。', en: 'This address needs a live (WebSocket) connection.' },
  validation_failed: { zh: '输入有误。', en: 'Invalid input.' },
  range_not_satisfiable: { zh: '请求的数据范围无效。', en: 'The requested range is not available.' },
  too_many_requests: { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again shortly.' },
  database_unavailable: { zh: '暂时无法连接数据库，请稍后再试。', en: 'The database cannot be reached; try again shortly.' },
  internal: { zh: '服务器内部错误，已记录。', en: 'Internal server error; it has been logged.' },
  // who asks
  unauthorized: { zh: '请先登录。', en: 'Please sign in first.' },
  forbidden: { zh: '没有执行此操作的权限。', en: 'You are not allowed to do this.' },
  not_found: { zh: '未找到请求的内容。', en: 'Not found.' },
  invalid_credentials: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  invalid_code: { zh: '动态码不正确或已使用。', en: 'The code is wrong or used already.' },
  too_many_attempts: { zh: '失败次数过多，请稍后再试。', en: 'Too many failed attempts; try again later.' },
  mfa_enrolment_required: { zh: '请先完成两步验证设置。', en: 'Set up two-step verification first.' },
  mfa_already_enrolled: { zh: '已设置两步验证。', en: 'Two-step verification is already set up.' },
  mfa_not_pending: { zh: '请先开始设置两步验证。', en: 'Start setting up two-step verification first.' },
  mfa_not_enrolled: { zh: '尚未设置两步验证。', en: 'Two-step verification is not set up.' },
  wrong_password: { zh: '当前密码不正确。', en: 'The current password is not right.' },
  weak_password: { zh: '密码不符合要求。', en: 'The password does not meet the rules.' },
  username_taken: { zh: '用户名已被占用。', en: 'That username is taken.' },
  self_lockout: { zh: '不能停用自己的账号或撤销自己的管理员角色。', en: 'You cannot disable yourself or remove your own admin role.' },
  // written meanwhile, or already done
  stale: { zh: '内容已被他人更新，请刷新后重试。', en: 'Changed meanwhile; reload and try again.' },
  changed_meanwhile: { zh: '内容已被他人修改，请刷新后重试。', en: 'Changed by someone else meanwhile; reload and try again.' },
  id_reused: { zh: '编号已被另一条记录使用。', en: 'That id is already used by another record.' },
  accepted: { zh: '已确认接班。', en: 'The handover is already accepted.' },
  released: { zh: '报告已发布。', en: 'The report is already released.' },
  already_acknowledged: { zh: '已确认。', en: 'Already acknowledged.' },
  already_cancelled: { zh: '已取消。', en: 'Already cancelled.' },
  already_false: { zh: '已标记为误报。', en: 'Already marked false.' },
  already_revoked: { zh: '已吊销。', en: 'Already revoked.' },
  already_withdrawn: { zh: '已撤回。', en: 'Already withdrawn.' },
  not_shelved: { zh: '该报警未被搁置。', en: 'The alarm is not shelved.' },
  // places and the network
  unknown_line: { zh: '线路不存在。', en: 'No such line.' },
  unknown_station: { zh: '车站不存在。', en: 'No such station.' },
  bad_location: { zh: '位置无效。', en: 'The location is not valid.' },
  bad_mileage: { zh: '里程格式不正确。', en: 'That is not a valid mileage.' },
  short_chain_gap: { zh: '该里程落在短链范围内，本线不存在此里程。', en: 'That mileage falls in a short chain: it does not exist on this line.' },
  prefix_not_on_line: { zh: '本线不使用这个里程冠号（如 K、DK）。', en: 'This line does not use that mileage prefix (K, DK…).' },
  beyond_line: { zh: '该里程超出本线的里程范围。', en: 'That mileage is beyond the ends of this line.' },
  invalid_network: { zh: '路网文件有误，未导入。', en: 'The network file has errors; nothing was imported.' },
  network_conflicts: { zh: '新路网会使相关记录失效，未导入。', en: 'The new network would break dependent records; nothing was imported.' },
  // the organisation
  unknown_agency: { zh: '单位不存在。', en: 'No such agency.' },
  unknown_category: { zh: '未知的警情类别。', en: 'Unknown incident category.' },
  invalid_organisation: { zh: '组织机构文件有误，未导入。', en: 'The organisation file has errors; nothing was imported.' },
  // incidents, dispatch and transfers
  illegal_transition: { zh: '警情当前状态不允许此操作，请刷新。', en: 'Not allowed in the incident’s status; reload.' },
  merge_into_itself: { zh: '警情不能并入其自身。', en: 'An incident cannot be merged into itself.' },
  bad_merge_target: { zh: '只能并入未结案的警情。', en: 'Merge into an open incident.' },
  already_lead: { zh: '该单位已是主办单位。', en: 'That agency already leads.' },
  no_pending_transfer: { zh: '没有待答复的移交。', en: 'No transfer is waiting for an answer.' },
  not_dispatchable: { zh: '警情当前状态不能再派警。', en: 'The incident takes no more units in its status.' },
  units_not_dispatchable: { zh: '所选警力不能派出。', en: 'The chosen units cannot be sent.' },
  no_units: { zh: '请选择警力。', en: 'Name the units.' },
  not_active: { zh: '该派警任务已结束。', en: 'The assignment is no longer active.' },
  not_on_a_train: { zh: '此警情不在列车上。', en: 'The incident is not on a train.' },
  not_ahead: { zh: '不是列车前方停靠站。', en: 'Not a station ahead of the train.' },
  no_police: { zh: '该站没有负责的派出所。', en: 'No police station is responsible there.' },
  incident_finished: { zh: '警情已结束。', en: 'The incident is finished.' },
  not_on_a_line: { zh: '警情没有线路和里程。', en: 'The incident has no line and mileage.' },
  no_station_agency: { zh: '请指定受理请求的车站单位。', en: 'Name the station to ask.' },
  not_a_railway_station: { zh: '该单位不是车站。', en: 'That agency is not a railway station.' },
  unit_exists: { zh: '警力已存在。', en: 'That unit exists already.' },
  // command, tasks and duty
  level_too_low: { zh: '响应等级达到 II 级及以上才能成立联合指挥部。', en: 'A joint command opens at response level II or above.' },
  command_exists: { zh: '此警情已成立联合指挥部。', en: 'The incident already has a joint command.' },
  command_closed: { zh: '联合指挥部已撤销。', en: 'The joint command is closed.' },
  not_in_command: { zh: '该单位不是联合指挥部成员。', en: 'That agency is not a member of the joint command.' },
  invalid_transition: { zh: '指令当前状态不允许此操作，请刷新。', en: 'Not allowed in the task’s status; reload.' },
  overlap: { zh: '与其他班次时间重叠。', en: 'Overlaps another shift.' },
  // timetable
  invalid_feed: { zh: '时刻表有误，未导入。', en: 'The timetable has problems; nothing was imported.' },
  bad_zip: { zh: '不是可读取的 zip 文件。', en: 'Not a readable zip file.' },
  bad_time: { zh: '时间格式不正确。', en: 'That is not a valid time.' },
  unknown_train: { zh: '时刻表中没有该车次。', en: 'That train is not in the timetable.' },
  no_timetable: { zh: '尚未导入列车时刻表。', en: 'No timetable is loaded.' },
  // bulletins, CAP and attachments
  no_sharing_agreement: { zh: '没有相应的数据共享协议。', en: 'No data-sharing agreement allows this.' },
  not_a_recipient: { zh: '本单位不是此通报的接收单位。', en: 'Your agency is not a recipient of this bulletin.' },
  too_many_attachments: { zh: '附件数量已达上限。', en: 'Too many attachments.' },
  attachment_too_large: { zh: '附件过大。', en: 'The attachment is too large.' },
  forbidden_file_type: { zh: '不接受此文件类型。', en: 'This file type is not accepted.' },
  type_mismatch: { zh: '文件内容与声明的类型不符。', en: 'The file’s content does not match its declared type.' },
  empty: { zh: '内容为空。', en: 'The content is empty.' },
  bad_encoding: { zh: '字符编码有误。', en: 'The text encoding is not valid.' },
  dtd_refused: { zh: '文档含有 DOCTYPE 或实体声明，已拒收。', en: 'Documents with a DOCTYPE or entities are refused.' },
  xinclude_refused: { zh: '不接受 XInclude。', en: 'XInclude is refused.' },
  cap_schema_invalid: { zh: '不是有效的 CAP 1.2 预警。', en: 'Not a valid CAP 1.2 alert.' },
  cap_content_invalid: { zh: '该 CAP 预警不符合规范。', en: 'The CAP alert breaks the specification.' },
  cap_not_actual: { zh: '只有状态为 Actual 的预警才能转为通报。', en: 'Only Actual alerts become bulletins.' },
  unknown_reference: { zh: '所引用的预警未在本系统导入。', en: 'The referenced alert was not imported here.' },
  // civil defence and public reports
  patrol_finished: { zh: '本次巡逻已结束。', en: 'The patrol is already finished.' },
  check_in_refused: { zh: '签到未通过。', en: 'The check-in was refused.' },
  too_many_photos: { zh: '照片数量已达上限。', en: 'Too many photos.' },
  unreadable_photo: { zh: '照片无法读取。', en: 'The photo cannot be read.' },
  photo_window_closed: { zh: '已超过补充照片的时限。', en: 'Photos can no longer be added.' },
  // technical defence
  device_exists: { zh: '设备已登记。', en: 'The device is already registered.' },
  invalid_import: { zh: '文件有误，未导入。', en: 'The file has problems; nothing was imported.' },
  // bureau and departments
  not_federated: { zh: '本节点未加入联网。', en: 'This node is not part of a network of nodes.' },
  // hazards and section chiefs (双段长制)
  hazard_transition: { zh: '隐患当前状态不允许此操作。', en: 'Not allowed in the hazard’s status.' },
  not_verified: { zh: '隐患尚未经发现单位验收，不能销号。', en: 'The hazard is closed only after the finder’s agency verified it.' },
  after_photos_required: { zh: '请先上传整改后照片。', en: 'Upload photos taken after the work first.' },
  no_section_chief: { zh: '该处尚无双段长分工。', en: 'No section chiefs are assigned there.' },
  hazard_exists: { zh: '已登记为隐患。', en: 'Already registered as a hazard.' },
  empty_plan: { zh: '预算内没有可下达的措施。', en: 'No measure fits the budget, so there is nothing to issue.' },
  meeting_held: { zh: '该会议已记录。', en: 'The meeting is already recorded.' },
  no_signed_copy: { zh: '须先上传各方签署的协议文本。', en: 'File the copy the parties signed first.' },
  no_scheme: { zh: '协调中心尚未制定考核方案。', en: 'The centre has not set an assessment scheme yet.' },
  survey_answered: { zh: '本季度的问卷您已填写。', en: 'You have answered this quarter’s survey.' },
  assessment_published: { zh: '该期考核已发布。', en: 'This period’s assessment is already published.' },
  briefing_exists: { zh: '该期通报已生成。', en: 'The briefing of that period is already made.' },
  period_not_over: { zh: '该期间尚未结束，不能生成通报。', en: 'The period is not over yet.' },
  no_patrol_targets: { zh: '没有可随机巡逻的线段或巡防队。', en: 'No stretches or teams to randomise patrols over.' },
  plan_randomised: { zh: '随机巡逻计划请在风险室的随机巡逻中重新生成。', en: 'A randomised patrol plan is generated again under randomised patrols in the risk room.' },
  no_history: { zh: '沿线尚无历史警情或巡逻车，无法按本处数据仿真。', en: 'No past incidents or patrol cars along the line to simulate the department on.' },
  plan_too_large: { zh: '评估点与预算过多，无法精确求解，请分片区规划。', en: 'Too many sites for this budget to solve exactly; plan by area.' },
};

/** The console's wording of a code, or null for a code the contract does not list (`http_502`). */
export function errorWords(code: string, lang: Language): string | null {
  const words = (ERROR_WORDS as Record<string, { zh: string; en: string } | undefined>)[code];
  return words ? (lang === 'en' ? words.en : words.zh) : null;
}
