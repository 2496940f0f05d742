import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * An agency of another node as this node's tables hold it: `<node>/<agency id>`. A local agency id
 * never contains `/` (ids are letters, digits, `_ . : -`), so the two can never be confused and a
 * read rule that compares a reader's agency with a bulletin's sender never matches an outsider.
 */
export function outsiderId(node: string, agencyId: string): string {
  return `${node}/${agencyId}`;
}

export function splitOutsider(id: string): { node: string; agencyId: string } | null {
  const i = id.indexOf('/');
  return i > 0 ? { node: id.slice(0, i), agencyId: id.slice(i + 1) } : null;
}

/**
 * Names of other nodes' agencies, for everything that shows an agency by name (a bulletin's
 * sender above all). Kept in memory because names are asked for synchronously; every instance
 * reads them again every few seconds, so an instance that did not import a message still names
 * its sender soon after.
 */
export class OutsiderNames {
  private names = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  name(id: string): string | undefined {
    return splitOutsider(id) ? this.names.get(id) : undefined;
  }

  note(node: string, nodeName: string, agencyId: string, agencyName: string): void {
    this.names.set(outsiderId(node, agencyId), `${agencyName}（${nodeName}）`);
  }

  async refresh(): Promise<void> {
    const [nodes, agencies, senders] = await Promise.all([
      this.db.selectFrom('federation_nodes').select(['code', 'name']).execute(),
      this.db.selectFrom('federation_agencies').select(['node', 'agency_id', 'name']).execute(),
      this.db.selectFrom('federation_bulletins').select(['origin', 'sender_agency_id', 'sender_agency_name']).execute(),
    ]);
    const nodeName = new Map(nodes.map((n) => [n.code, n.name]));
    const next = new Map<string, string>();
    for (const s of senders) next.set(outsiderId(s.origin, s.sender_agency_id), `${s.sender_agency_name}（${nodeName.get(s.origin) ?? s.origin}）`);
    for (const a of agencies) next.set(outsiderId(a.node, a.agency_id), `${a.name}（${nodeName.get(a.node) ?? a.node}）`);
    this.names = next;
  }

  start(everyMs: number, onError: (e: unknown) => void): void {
    this.timer = setInterval(() => void this.refresh().catch(onError), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
