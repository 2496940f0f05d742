import type { ImportProblem, NetworkCheckReport, NetworkGeoJSON } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { unprocessable, said } from '../../platform/http/errors.js';
import { NetworkStore } from './store.js';
import { NetworkModel } from './network-model.js';
import { checkNetwork } from './validate.js';

export type ImportMode = 'merge' | 'replace';

/** Another module's objection to a new network (e.g. jurisdictions on a line that would vanish). */
export type NetworkGuard = (model: NetworkModel) => ImportProblem[];
export type NetworkListener = (model: NetworkModel) => void;

export interface ImportOutcome {
  report: NetworkCheckReport;
  mode: ImportMode;
}

/**
 * Holds the live network model. Imports are all-or-nothing: validated whole (merged with what is
 * stored, in merge mode), checked by the guards of dependent modules, then written in one
 * transaction, and only then swapped in.
 */
export class NetworkService {
  private readonly store: NetworkStore;
  private model: NetworkModel;
  private readonly guards: NetworkGuard[] = [];
  private readonly listeners: NetworkListener[] = [];

  private constructor(private readonly db: Db, model: NetworkModel) {
    this.store = new NetworkStore(db.kysely);
    this.model = model;
  }

  static async open(db: Db): Promise<NetworkService> {
    const doc = await new NetworkStore(db.kysely).load();
    return new NetworkService(db, NetworkModel.build(doc));
  }

  current(): NetworkModel {
    return this.model;
  }

  addGuard(guard: NetworkGuard): void {
    this.guards.push(guard);
  }

  onChange(listener: NetworkListener): void {
    this.listeners.push(listener);
  }

  isEmpty(): Promise<boolean> {
    return this.store.isEmpty();
  }

  /** Reloads from the database (another instance may have imported). */
  async reload(): Promise<void> {
    this.swap(NetworkModel.build(await this.store.load()));
  }

  async import(actor: Actor, input: unknown, mode: ImportMode = 'merge', onProgress?: (stage: string, done: number, total: number) => void): Promise<ImportOutcome> {
    onProgress?.('check', 0, 1);
    // In merge mode the file is checked together with the stored features it does not replace, so
    // that a station may refer to a stored line; the file's features come first, so problem paths
    // (`features[i]`) still point into the file.
    const checked = checkNetwork(mode === 'merge' ? mergeNetworks(this.model.toGeoJSON(), input) : input);
    if (!checked.doc) throw invalid(checked.report);
    const doc = checked.doc;
    const report = checked.report;
    onProgress?.('check', 1, 1);
    const model = NetworkModel.build(doc);
    const objections = this.guards.flatMap((g) => g(model));
    if (objections.length) {
      throw unprocessable('network_conflicts', said(`新路网会使 ${objections.length} 条相关记录失效`, `the new network would break ${objections.length} dependent record(s)`), { errors: objections, warnings: [] });
    }
    const total = doc.features.length;
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.store.replace(trx, model.toGeoJSON(), nowIso(), (done) => onProgress?.('write', done, total));
      await recordChange(trx, actor, 'network', 'network', `import:${mode}`, { counts: report.counts, features: featureCount(input) });
    });
    this.swap(model);
    return { report, mode };
  }

  private swap(model: NetworkModel): void {
    this.model = model;
    for (const l of this.listeners) l(model);
  }
}

function invalid(report: NetworkCheckReport) {
  return unprocessable('invalid_network', said(`路网文件有 ${report.errors.length} 处错误，未导入任何内容`, `the network file has ${report.errors.length} error(s); nothing was imported`), {
    errors: report.errors,
    warnings: report.warnings,
  });
}

/**
 * The incoming document's features followed by the stored features it does not replace (same kind
 * and id). Works on the raw input: a malformed incoming document passes through unchanged so that
 * the validator reports it.
 */
export function mergeNetworks(stored: NetworkGeoJSON, incoming: unknown): unknown {
  const features = (incoming as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return incoming;
  const key = (f: unknown) => {
    const p = (f as { properties?: { kind?: unknown; id?: unknown } } | null)?.properties;
    return `${String(p?.kind)}:${String(p?.id)}`;
  };
  const replaced = new Set(features.map(key));
  return { ...(incoming as object), features: [...features, ...stored.features.filter((f) => !replaced.has(key(f)))] };
}

function featureCount(input: unknown): number {
  const features = (input as { features?: unknown } | null)?.features;
  return Array.isArray(features) ? features.length : 0;
}
