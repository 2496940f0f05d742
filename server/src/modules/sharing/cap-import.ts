import crypto from 'node:crypto';
import type { Bulletin, BulletinKind, Classification } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { departmentDay, nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import type { Db } from '../../platform/db/database.js';
import { recordChange } from '../../platform/change-log.js';
import { forbidden, unprocessable, said, fieldError } from '../../platform/http/errors.js';
import { canPublishBulletin, CLASS_RANK } from '../../platform/policies.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { SharingService } from './service.js';
import type { BulletinRow } from './store.js';
import { decodeAlert, validateCapSchema } from './cap/cap-schema.js';
import { parseCap, type CapAlert, type CapInfo } from './cap/cap-parse.js';
import { capContentProblems } from './cap/cap-rules.js';
import { inCapAreas } from './cap/cap-area.js';

const SAMPLE_M = 1000;

/** CAP categories that warn of conditions (weather, geology, fire…) become risk warnings; the rest security notices. */
function kindOf(info: CapInfo): BulletinKind {
  const hazard = ['Geo', 'Met', 'Safety', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE'];
  return info.categories.some((c) => hazard.includes(c)) ? 'risk_warning' : 'security_notice';
}

function classificationOf(scope: string): Classification {
  return scope === 'Public' ? 'public' : scope === 'Private' ? 'restricted' : 'internal';
}

function pickInfo(a: CapAlert): CapInfo | undefined {
  return a.infos.find((i) => /^zh/i.test(i.language)) ?? a.infos[0];
}

export interface CapImportOutcome {
  created: boolean;
  effect: 'created' | 'duplicate' | 'withdrawn';
  bulletin: Bulletin;
  warnings: string[];
}

/**
 * CAP 1.2 alerts from outside (a weather service, a neighbouring department) become bulletins.
 * Checked in order, each refusal with its reasons and nothing written: no DTD or entities (XXE),
 * the official schema, the specification's content rules. A Cancel withdraws the bulletin an
 * earlier alert created; the same alert twice is one bulletin.
 */
export class CapImporter {
  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    private readonly sharing: SharingService,
  ) {}

  async import(actor: Actor, bytes: Buffer, to: string[]): Promise<CapImportOutcome> {
    if (!canPublishBulletin(actor)) throw forbidden(said('只有调度员和指挥长可以导入预警', 'only dispatchers and commanders import alerts'));
    const decoded = decodeAlert(bytes);
    if (!decoded.ok) throw unprocessable(decoded.code, said(`预警被拒收：${DECODE_ZH[decoded.code]}`, `the alert was refused: ${decoded.reasons[0]}`), { reasons: decoded.reasons });
    const schema = await validateCapSchema(decoded.text);
    if (!schema.valid) throw unprocessable('cap_schema_invalid', said(`不是有效的 CAP 1.2 预警：${schema.reasons[0] ?? '未通过模式校验'}`, `not a valid CAP 1.2 alert: ${schema.reasons[0] ?? 'schema validation failed'}`), { reasons: schema.reasons });
    const alert = parseCap(decoded.text);
    const problems = capContentProblems(alert);
    if (problems.length) throw unprocessable('cap_content_invalid', said(`该 CAP 1.2 预警不符合规范：${problems[0]}`, `the CAP 1.2 alert breaks the specification: ${problems[0]}`), { reasons: problems });
    if (alert.status !== 'Actual') throw unprocessable('cap_not_actual', said(`只有状态为 Actual 的预警才能转为通报（此预警为 ${alert.status}）`, `only Actual alerts become bulletins (this one is ${alert.status})`), { reasons: [`status: ${alert.status}`] });
    const unknown = to.filter((id) => !this.org.findAgency(id));
    if (unknown.length) throw unprocessable('unknown_agency', said(`单位 ${unknown.join('、')} 不存在`, `unknown agency ${unknown.join(', ')}`), { fields: unknown.map((id) => fieldError('query.to', `单位「${id}」不存在`, `unknown agency "${id}"`)) });

    if (alert.msgType === 'Cancel') return this.cancel(actor, alert);

    const existing = await this.sharing.store.byCap(this.db.kysely, alert.sender, alert.identifier);
    if (existing) return { created: false, effect: 'duplicate', bulletin: await this.sharing.get(actor, existing.id), warnings: [] };

    const info = pickInfo(alert)!;
    const warnings: string[] = [];
    const now = nowIso();
    const validFrom = new Date(info.effective ?? info.onset ?? alert.sent).toISOString();
    let validUntil = info.expires ? new Date(info.expires).toISOString() : new Date(Date.parse(validFrom) + 24 * 3600_000).toISOString();
    if (!info.expires) warnings.push('no expires: valid for 24 hours from its start');
    if (validUntil < now) warnings.push(`expired at ${info.expires}: kept for the record, not shown as current`);
    if (validUntil <= validFrom) validUntil = new Date(Date.parse(validFrom) + 3600_000).toISOString();
    const classification = classificationOf(alert.scope);
    const along = this.agenciesInAreas(info);
    if (info.areas.some((a) => a.polygons.length || a.circles.length) && along.length === 0) warnings.push('its area touches no line of the network');
    const recipients = [...new Set([...to, ...along])].filter((id) => id !== actor.agencyId).sort();
    const source = [info.senderName, alert.sender].filter(Boolean).join(' / ');
    const body = [info.description ?? info.headline ?? info.event, `来源 Source：${source}（CAP ${alert.identifier}）`].join('\n\n');
    const id = crypto.randomUUID();
    const row = await this.db.kysely.transaction().execute(async (trx) => {
      const again = await this.sharing.store.byCap(trx, alert.sender, alert.identifier);
      if (again) return again;
      const day = departmentDay(Date.parse(now));
      const n = await nextNumber(trx, `bulletin:${day}`);
      const r: BulletinRow = {
        id,
        code: `TB${day}-${String(n).padStart(4, '0')}`,
        kind: kindOf(info),
        title: (info.headline ?? info.event).slice(0, 200),
        body: body.slice(0, 20_000),
        instruction: info.instruction?.slice(0, 2000) ?? null,
        classification,
        class_rank: CLASS_RANK[classification],
        status: 'published',
        sender_agency_id: actor.agencyId,
        created_by: actor.username,
        created_at: now,
        valid_from: validFrom,
        valid_until: validUntil,
        urgency: info.urgency,
        severity: info.severity,
        certainty: info.certainty,
        distribution: JSON.stringify({ agencies: recipients, areas: [], roles: [], areaDescriptions: info.areas.map((a) => a.areaDesc).filter(Boolean) }),
        roles: '',
        source: 'cap',
        cap_sender: alert.sender,
        cap_identifier: alert.identifier,
        cap_sent: alert.sent,
        updated_at: now,
        version: 1,
      };
      await this.sharing.insert(trx, r, recipients);
      await recordChange(trx, actor, 'bulletin', id, 'import_cap', { code: r.code, capSender: alert.sender, capIdentifier: alert.identifier, recipients });
      await this.sharing.announce(trx, r, recipients, 'bulletin.published');
      return r;
    });
    return { created: row.id === id, effect: row.id === id ? 'created' : 'duplicate', bulletin: await this.sharing.get(actor, row.id), warnings };
  }

  private async cancel(actor: Actor, alert: CapAlert): Promise<CapImportOutcome> {
    const refs = (alert.references ?? '').trim().split(/\s+/).map((r) => r.split(','));
    for (const [sender, identifier] of refs) {
      const row = await this.sharing.store.byCap(this.db.kysely, sender!, identifier!);
      if (!row) continue;
      const next = row.status === 'withdrawn' ? row : await this.sharing.markWithdrawn(actor, row, `CAP Cancel ${alert.identifier}`);
      return { created: false, effect: 'withdrawn', bulletin: await this.sharing.get(actor, next.id), warnings: [] };
    }
    throw unprocessable('unknown_reference', said('该撤销（Cancel）所引用的预警未在本系统导入', 'the Cancel refers to no alert imported here'), { reasons: refs.map((r) => `references: ${r.join(',')} is unknown`) });
  }

  /** Agencies with jurisdiction where the network's lines run through the alert's polygons and circles. */
  private agenciesInAreas(info: CapInfo): string[] {
    if (!info.areas.some((a) => a.polygons.length || a.circles.length)) return [];
    const model = this.network.current();
    const ids = new Set<string>();
    for (const line of model.lines()) {
      for (let m = 0; m <= line.ref.lengthM; m += SAMPLE_M) {
        const p = model.atMeasure(line.id, m).onLine;
        if (!inCapAreas(p, info.areas)) continue;
        for (const a of this.org.resolve({ lon: p[0], lat: p[1] }).jurisdiction) ids.add(a.agencyId);
      }
    }
    return [...ids];
  }
}

/** Why the bytes are no alert, in Chinese (the English reasons go along in details). */
const DECODE_ZH: Record<'empty' | 'bad_encoding' | 'dtd_refused' | 'xinclude_refused', string> = {
  empty: '请求内容为空',
  bad_encoding: '文档的字符编码与声明不符',
  dtd_refused: '文档声明了 DOCTYPE 或实体；CAP 预警不需要它们，为防范 XML 外部实体攻击一律拒收',
  xinclude_refused: '不接受 XInclude',
};
