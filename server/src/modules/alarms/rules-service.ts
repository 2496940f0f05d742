import type { AlarmRule } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { forbidden, validationError, said, fieldError } from '../../platform/http/errors.js';
import type { OrganisationService } from '../organisation/service.js';

/**
 * The alarm rules as data: administrators replace the ordered list; ingest reads them from a copy
 * in memory that is at most a few seconds old (another instance's change arrives by then).
 */
export class AlarmRulesService {
  private cached: { at: number; rules: AlarmRule[] } | null = null;

  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly ttlMs = 5000,
  ) {}

  async rules(): Promise<AlarmRule[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.rules;
    const rows = await this.db.kysely.selectFrom('alarm_rules').select('body').orderBy('position').execute();
    const rules = rows.map((r) => JSON.parse(r.body) as AlarmRule);
    this.cached = { at: Date.now(), rules };
    return rules;
  }

  async replace(actor: Actor, rules: AlarmRule[]): Promise<AlarmRule[]> {
    if (!actor.roles.includes('admin')) throw forbidden(said('只有管理员可以编辑报警规则', 'only administrators edit the alarm rules'));
    const fields = rules.flatMap((r, i) => {
      const out = [];
      if (rules.findIndex((x) => x.id === r.id) !== i) out.push(fieldError(`body.rules.${i}.id`, `规则 ${r.id} 重复出现`, `rule ${r.id} appears twice`));
      if (r.then.action === 'incident' && !this.org.categories().some((c) => c.id === (r.then as { category: string }).category)) out.push(fieldError(`body.rules.${i}.then.category`, '未知的警情类别', 'unknown incident category'));
      return out;
    });
    if (fields.length) throw validationError(fields);
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('alarm_rules').execute();
      if (rules.length) await trx.insertInto('alarm_rules').values(rules.map((r, i) => ({ id: r.id, position: i, body: JSON.stringify(r), updated_by: actor.username, updated_at: at }))).execute();
      await recordChange(trx, actor, 'alarm_rules', 'all', 'replace', { ids: rules.map((r) => r.id) });
    });
    this.cached = null;
    return this.rules();
  }
}
