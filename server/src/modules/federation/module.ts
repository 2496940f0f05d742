import type { Db } from '../../platform/db/database.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import type { FederationConfig } from '../../platform/federation/config.js';
import { FederationLink } from '../../platform/federation/link.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { PeriodicJob } from '../../platform/jobs/runner.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { SharingService } from '../sharing/service.js';
import { FederationImporter } from './importer.js';
import { IndicatorRegistry } from './indicators.js';
import { OutsiderNames } from './outsiders.js';
import { FederationReceiver } from './receiver.js';
import { federationRoutes } from './routes.js';
import { FederationService } from './service.js';
import { FederationSharer } from './share.js';

export interface FederationDeps {
  db: Db;
  config: FederationConfig | null;
  org: OrganisationService;
  network: NetworkService;
  sharing: SharingService;
  outbox: OutboxRelay;
  log: (e: unknown, message: string, detail?: Record<string, unknown>) => void;
}

/**
 * The bureau and its departments, wired: the read API on every node (empty on a node on its own),
 * and on a federated node the link to its NATS server and two periodic jobs, each on one instance:
 * `federation.share` publishes what this node shares, `federation.receive` imports what reached it.
 */
export class Federation {
  readonly service: FederationService;
  readonly importer: FederationImporter;
  readonly indicators = new IndicatorRegistry();
  readonly link: FederationLink | null;
  readonly routes: RouteSpec[];
  private readonly names: OutsiderNames;
  private readonly sharer: FederationSharer | null;
  private readonly receiver: FederationReceiver | null;

  constructor(private readonly deps: FederationDeps) {
    const c = deps.config;
    this.names = new OutsiderNames(deps.db.kysely);
    deps.org.nameOutsidersWith((id) => this.names.name(id));
    this.link = c ? new FederationLink(c) : null;
    this.importer = new FederationImporter({ db: deps.db, self: c ? { code: c.code, role: c.role, bureau: c.bureau?.code ?? null } : null, org: deps.org, sharing: deps.sharing, outbox: deps.outbox, names: this.names });
    this.service = new FederationService(deps.db, c, deps.org, deps.network, deps.sharing, deps.outbox);
    this.sharer = this.link ? new FederationSharer(deps.db.kysely, this.link, deps.org, this.indicators) : null;
    this.receiver = this.link ? new FederationReceiver(deps.db.kysely, this.link, this.importer, (problem, detail) => deps.log(null, `federation message refused: ${problem}`, detail)) : null;
    this.routes = federationRoutes(this.service);
  }

  /** Names of other nodes' agencies from the tables, then kept fresh; the configured peers listed. */
  async start(): Promise<void> {
    await this.names.refresh();
    this.names.start(5000, (e) => this.deps.log(e, 'federation names could not be read'));
    await this.receiver?.seed();
  }

  /** messages imported, dropped as duplicates and refused since this instance started (null on a node on its own) */
  stats(): { imported: number; duplicate: number; refused: number } | null {
    return this.receiver ? { ...this.receiver.stats } : null;
  }

  jobs(): PeriodicJob[] {
    if (!this.sharer || !this.receiver) return [];
    return [
      { name: 'federation.share', everyMs: 1000, run: () => this.sharer!.round() },
      { name: 'federation.receive', everyMs: 1000, run: () => this.receiver!.round() },
    ];
  }

  async close(): Promise<void> {
    this.names.stop();
    await this.link?.close();
  }
}
