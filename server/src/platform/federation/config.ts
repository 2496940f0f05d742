import { z } from 'zod';

/** A node of the federation as another node names it: its code and the JetStream domain of its NATS server. */
export interface PeerNode {
  code: string;
  domain: string;
}

/**
 * This node's place in the bureau (局) and its departments (处): each runs its own platform on its
 * own database and NATS server. Absent: one stand-alone node, as before.
 */
export interface FederationConfig {
  role: 'bureau' | 'department';
  /** a subject token and part of stream names, e.g. `lz`; unique in the federation */
  code: string;
  /** what people call the node: 柳州处 */
  name: string;
  /** the NATS server of this node, on which its JetStream domain lives */
  natsUrl: string;
  /** this node's JetStream domain (the `jetstream { domain }` of its server) */
  domain: string;
  /** subjects `<prefix>.fed.<from>.<to>.<type>` and streams `<PREFIX>_FED_<CODE>`: the same on every node */
  prefix: string;
  /** a department's bureau */
  bureau: PeerNode | null;
  /** a bureau's departments */
  departments: PeerNode[];
}

const CODE = /^[a-z][a-z0-9_-]{0,15}$/;
const DOMAIN = /^[A-Za-z0-9_-]{1,32}$/;
const PEER = /^[a-z][a-z0-9_-]{0,15}(@[A-Za-z0-9_-]{1,32})?$/;

const Env = z.object({
  RAILJOINT_NODE_ROLE: z.enum(['bureau', 'department']).optional(),
  RAILJOINT_NODE_CODE: z.string().regex(CODE, 'RAILJOINT_NODE_CODE is a lower-case code of at most 16 letters, digits, - and _, e.g. lz').optional(),
  RAILJOINT_NODE_NAME: z.string().trim().min(1).max(60).optional(),
  RAILJOINT_NODE_NATS_URL: z.string().regex(/^(nats|tls):\/\/\S+$/, 'RAILJOINT_NODE_NATS_URL looks like nats://host:4222').optional(),
  RAILJOINT_NODE_DOMAIN: z.string().regex(DOMAIN, 'RAILJOINT_NODE_DOMAIN is the JetStream domain of the node’s NATS server: letters, digits, - and _').optional(),
  RAILJOINT_FEDERATION_PREFIX: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'RAILJOINT_FEDERATION_PREFIX is a lower-case name, the same on every node').default('railjoint'),
  /** a department's bureau: code or code@domain */
  RAILJOINT_BUREAU: z.string().regex(PEER, 'RAILJOINT_BUREAU is the bureau’s code, or code@domain when its JetStream domain differs, e.g. nnj').optional(),
  /** a bureau's departments: codes or code@domain, comma-separated */
  RAILJOINT_DEPARTMENTS: z
    .string()
    .refine((v) => v.split(',').map((s) => s.trim()).filter(Boolean).every((s) => PEER.test(s)), 'RAILJOINT_DEPARTMENTS lists department codes (or code@domain), comma-separated, e.g. lz,nn,gl')
    .optional(),
});

function peer(spec: string): PeerNode {
  const [code, domain] = spec.trim().split('@');
  return { code: code!, domain: domain ?? code! };
}

/**
 * The federation settings from the environment, or null when the node stands alone. Returns the
 * problems instead of throwing, so the caller reports them with the rest of the configuration.
 */
export function federationFromEnv(env: NodeJS.ProcessEnv, natsUrl: string | null): { config: FederationConfig | null; problems: string[] } {
  const parsed = Env.safeParse(env);
  if (!parsed.success) return { config: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  if (!e.RAILJOINT_NODE_ROLE) {
    const stray = (['RAILJOINT_NODE_CODE', 'RAILJOINT_BUREAU', 'RAILJOINT_DEPARTMENTS'] as const).filter((k) => e[k] !== undefined);
    return { config: null, problems: stray.map((k) => `${k}: only with RAILJOINT_NODE_ROLE (bureau or department)`) };
  }
  const problems: string[] = [];
  if (!e.RAILJOINT_NODE_CODE) problems.push('RAILJOINT_NODE_CODE: a federated node needs its code, e.g. lz');
  const url = e.RAILJOINT_NODE_NATS_URL ?? natsUrl;
  if (!url) problems.push('RAILJOINT_NODE_NATS_URL: a federated node needs its own NATS server (or NATS_URL)');
  const departments = (e.RAILJOINT_DEPARTMENTS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(peer);
  const bureau = e.RAILJOINT_BUREAU ? peer(e.RAILJOINT_BUREAU) : null;
  if (e.RAILJOINT_NODE_ROLE === 'department') {
    if (!bureau) problems.push('RAILJOINT_BUREAU: a department names its bureau, e.g. nnj');
    if (departments.length) problems.push('RAILJOINT_DEPARTMENTS: only a bureau lists departments');
  } else if (bureau) {
    problems.push('RAILJOINT_BUREAU: a bureau has no bureau above it');
  }
  const code = e.RAILJOINT_NODE_CODE ?? '';
  const codes = [code, ...departments.map((d) => d.code), ...(bureau ? [bureau.code] : [])];
  const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (twice.length) problems.push(`RAILJOINT_DEPARTMENTS: each node has a code of its own (${[...new Set(twice)].join(', ')} twice)`);
  if (problems.length) return { config: null, problems };
  return {
    config: {
      role: e.RAILJOINT_NODE_ROLE,
      code,
      name: e.RAILJOINT_NODE_NAME ?? code,
      natsUrl: url!,
      domain: e.RAILJOINT_NODE_DOMAIN ?? code,
      prefix: e.RAILJOINT_FEDERATION_PREFIX,
      bureau,
      departments,
    },
    problems: [],
  };
}
