import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { authorize } from '../../platform/policies.js';
import { conflict, notFound, said } from '../../platform/http/errors.js';

const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/**
 * The applications an administrator lets post Open311 requests, each with an API key shown once
 * and kept as a SHA-256 hash (the key is 256 random bits: a slow hash adds nothing).
 */
export class Open311Clients {
  constructor(private readonly db: Kysely<Database>) {}

  async list(actor: Actor) {
    authorize(actor, 'open311.manage');
    const rows = await this.db.selectFrom('open311_clients').selectAll().orderBy('created_at').execute();
    return { clients: rows.map(present) };
  }

  async create(actor: Actor, name: string) {
    authorize(actor, 'open311.manage');
    const id = crypto.randomUUID();
    const apiKey = `o311_${crypto.randomBytes(32).toString('base64url')}`;
    const row = { id, name, key_hash: hashKey(apiKey), created_by: actor.username, created_at: nowIso(), revoked_at: null, last_used_at: null };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('open311_clients').values(row).execute();
      await recordChange(trx, actor, 'open311_client', id, 'create', { name });
    });
    return { ...present(row), apiKey };
  }

  async revoke(actor: Actor, id: string) {
    authorize(actor, 'open311.manage');
    const row = await this.db.selectFrom('open311_clients').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Open311 client');
    if (row.revoked_at) throw conflict('already_revoked', said('该密钥已被吊销', 'the key was already revoked'));
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('open311_clients').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
      await recordChange(trx, actor, 'open311_client', id, 'revoke', {});
    });
  }

  /** The application an API key belongs to, while it is not revoked. */
  async byKey(apiKey: string): Promise<{ id: string; name: string } | null> {
    const row = await this.db.selectFrom('open311_clients').select(['id', 'name', 'revoked_at']).where('key_hash', '=', hashKey(apiKey)).executeTakeFirst();
    if (!row || row.revoked_at) return null;
    await this.db.updateTable('open311_clients').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
    return { id: row.id, name: row.name };
  }
}

function present(r: { id: string; name: string; created_at: string; created_by: string; revoked_at: string | null; last_used_at: string | null }) {
  return { id: r.id, name: r.name, createdAt: r.created_at, createdBy: r.created_by, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at };
}
