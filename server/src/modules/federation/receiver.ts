import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Arrival, FederationLink, SourceState } from '../../platform/federation/link.js';
import { now, nowIso } from '../../platform/clock.js';
import { readEnvelope } from './messages.js';
import type { FederationImporter } from './importer.js';
import { newNode } from './importer.js';
import { setState } from './state.js';

const FETCH = 100;
const MAX_FETCHES = 20;
/** a source that heard nothing (not even a heartbeat) for this long has lost its link */
export const LINK_SILENT_MS = 10_000;
/** how often an unchanged link state is written again, so readers can tell a stale one */
const LINK_REFRESH_MS = 5000;
/** imported message ids are remembered longer than any stream keeps a message */
const INBOX_KEEP_MS = 40 * 24 * 3600_000;

export type LinkState = 'connected' | 'disconnected' | 'unknown';

/** What a source's figures say of the link it reads over. */
export function linkState(s: Pick<SourceState, 'activeMs' | 'error'>): LinkState {
  if (s.activeMs === null) return s.error ? 'disconnected' : 'unknown';
  return !s.error && s.activeMs < LINK_SILENT_MS ? 'connected' : 'disconnected';
}

/**
 * Imports what reached this node: pulls from the durable consumer on its import stream, applies
 * each message in its own transaction and acknowledges it only then, so a message whose import
 * did not commit comes again (and one that did is dropped by the importer). Also writes down how
 * each link looks, for the bureau's view and the department's own. A periodic job on one instance.
 */
export class FederationReceiver {
  private lastPrune = 0;
  private lastOk = 0;
  /** what became of the messages taken since start: a replay shows up as duplicates, never as imports */
  readonly stats = { imported: 0, duplicate: 0, refused: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly link: FederationLink,
    private readonly importer: FederationImporter,
    private readonly log: (problem: string, detail: Record<string, unknown>) => void,
  ) {}

  /** The nodes this node is configured to hear from, so the view lists them before their first message. */
  async seed(): Promise<void> {
    const c = this.link.config;
    const peers = c.role === 'bureau' ? c.departments.map((d) => ({ code: d.code, role: 'department' })) : [{ code: c.bureau!.code, role: 'bureau' }];
    for (const p of peers) {
      const known = await this.db.selectFrom('federation_nodes').select('code').where('code', '=', p.code).executeTakeFirst();
      if (known) await this.db.updateTable('federation_nodes').set({ configured: 1 }).where('code', '=', p.code).execute();
      else await this.db.insertInto('federation_nodes').values(newNode(p.code, p.role, p.code, true)).onConflict((oc) => oc.column('code').doNothing()).execute();
    }
  }

  async round(): Promise<number> {
    let imported = 0;
    for (let i = 0; i < MAX_FETCHES; i++) {
      const batch = await this.link.fetch(FETCH, 1000);
      for (const a of batch) {
        const outcome = await this.take(a);
        this.stats[outcome]++;
        if (outcome === 'imported') imported++;
      }
      if (batch.length < FETCH) break;
    }
    await this.observeLinks();
    // that a round got through says the node's own NATS server answers, to every instance
    if (Date.now() - this.lastOk >= LINK_REFRESH_MS) {
      await setState(this.db, 'nats_ok_at', nowIso());
      this.lastOk = Date.now();
    }
    if (Date.now() - this.lastPrune > 3600_000) {
      await this.db.deleteFrom('federation_inbox').where('received_at', '<', new Date(now() - INBOX_KEEP_MS).toISOString()).execute();
      this.lastPrune = Date.now();
    }
    return imported;
  }

  /**
   * One message: refused (acknowledged, logged, never imported) when it is not what its subject
   * and its path through the streams say it is, imported otherwise. The stream a message was
   * copied from is set by the servers, not by whoever published it, so a message claiming to come
   * from a department must have come from that department's stream.
   */
  private async take(a: Arrival): Promise<'imported' | 'duplicate' | 'refused'> {
    const c = this.link.config;
    const n = this.link.names;
    const where = n.parse(a.subject);
    const refuse = (problem: string) => {
      this.log(problem, { subject: a.subject, msgId: a.msgId });
      a.ack();
      return 'refused' as const;
    };
    if (!where) return refuse('not a federation subject');
    const expected = c.role === 'department' ? n.outStream(c.bureau!.code) : where.from === c.code ? null : n.outStream(where.from);
    if (a.sourceStream !== expected) return refuse(`came through ${a.sourceStream ?? 'this server'}, not ${expected ?? 'this server'}`);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(a.data));
    } catch {
      return refuse('not JSON');
    }
    const read = readEnvelope(value);
    if (!read.ok) return refuse(read.reason);
    const m = read.message;
    if (m.from !== where.from || m.to !== where.to || m.type !== where.type || (a.msgId !== null && a.msgId !== m.id)) return refuse('the envelope disagrees with its subject or message id');
    const outcome = await this.importer.apply(m);
    a.ack();
    return outcome;
  }

  private async observeLinks(): Promise<void> {
    const at = nowIso();
    for (const s of await this.link.sources()) {
      const state = linkState(s);
      const row = await this.db.selectFrom('federation_nodes').selectAll().where('code', '=', s.node).executeTakeFirst();
      if (!row) continue;
      const changed = row.link_state !== state || Number(row.link_lag ?? -1) !== s.lag || row.link_error !== s.error;
      const stale = !row.link_checked_at || Date.parse(at) - Date.parse(row.link_checked_at) >= LINK_REFRESH_MS;
      if (!changed && !stale) continue;
      await this.db
        .updateTable('federation_nodes')
        .set({ link_state: state, link_lag: s.lag, link_active_ms: s.activeMs, link_error: s.error, link_checked_at: at, link_since: row.link_state === state && row.link_since ? row.link_since : at })
        .where('code', '=', s.node)
        .execute();
    }
  }
}
