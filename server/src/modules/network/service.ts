import type { ImportProblem, NetworkCheckReport, NetworkGeoJSON } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { unprocessable } from '../../platform/http/errors.js';
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
    const fileCheck = checkNetwork(input);
    if (!fileCheck.doc) throw invalid(fileCheck.report);
    let doc = fileCheck.doc;
    let report = fileCheck.report;
    if (mode === 'merge') {
      doc = mergeNetworks(this.model.toGeoJSON(), doc);
      const merged = checkNetwork(doc);
      if (!merged.doc) throw invalid(merged.report);
      doc = merged.doc;
      report = { ...merged.report, warnings: fileCheck.report.warnings };
    }
    onProgress?.('check', 1, 1);
    const model = NetworkModel.build(doc);
    const objections = this.guards.flatMap((g) => g(model));
    if (objections.length) {
      throw unprocessable('network_conflicts', `the new network would break ${objections.length} dependent record(s)`, { errors: objections, warnings: [] });
    }
    const total = doc.features.length;
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.store.replace(trx, model.toGeoJSON(), nowIso(), (done) => onProgress?.('write', done, total));
      await recordChange(trx, actor, 'network', 'network', `import:${mode}`, { counts: report.counts, imported: fileCheck.report.counts });
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
  return unprocessable('invalid_network', `the network file has ${report.errors.length} error(s); nothing was imported`, {
    errors: report.errors,
    warnings: report.warnings,
  });
}

/** Features of `incoming` replace stored ones with the same kind and id; the rest are kept. */
export function mergeNetworks(stored: NetworkGeoJSON, incoming: NetworkGeoJSON): NetworkGeoJSON {
  const key = (f: NetworkGeoJSON['features'][number]) => `${f.properties.kind}:${f.properties.id}`;
  const replaced = new Set(incoming.features.map(key));
  return { type: 'FeatureCollection', features: [...stored.features.filter((f) => !replaced.has(key(f))), ...incoming.features] };
}
