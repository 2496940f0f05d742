import crypto from 'node:crypto';
import type { Message } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { forbidden, HttpError, notFound, validationError, said, fieldError } from '../../platform/http/errors.js';
import { canReadChannel, incidentScope, type ChannelRelation } from '../../platform/policies.js';
import type { IncidentService } from '../incidents/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import { displayNames } from '../users/display-names.js';

type Channel = 'incident' | 'command';

/**
 * Messages between the agencies working an incident, kept with it: the incident channel reaches
 * every agency on the incident, the command channel only the joint command's members.
 */
export class MessageService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
  ) {}

  private async commandMembers(incidentId: string): Promise<string[] | null> {
    const c = await this.db.kysely.selectFrom('commands').select('id').where('incident_id', '=', incidentId).executeTakeFirst();
    if (!c) return null;
    return (await this.db.kysely.selectFrom('command_members').select('agency_id').where('command_id', '=', c.id).execute()).map((m) => m.agency_id);
  }

  /** The channels the actor may read on this incident (policies/messages.ts; 404 when the incident is out of sight). */
  private async channels(actor: Actor, incidentId: string): Promise<{ channels: Channel[]; roles: string[]; members: string[] | null }> {
    const { roles } = await this.incidents.access(actor, incidentId);
    const members = await this.commandMembers(incidentId);
    // an incident seen without a part in it is seen through a data-sharing agreement (or by the centre)
    const relations: ChannelRelation[] = roles.length ? [...roles] : ['agreement'];
    if (members?.includes(actor.agencyId)) relations.push('command_member');
    const channels = (['incident', 'command'] as const).filter((c) => (c === 'incident' || members !== null) && canReadChannel(actor, relations, c));
    return { channels, roles, members };
  }

  /** For the live channel and webhooks: may the actor read this message now. */
  async readable(actor: Actor, messageId: string): Promise<boolean> {
    const m = await this.db.kysely.selectFrom('messages').select(['incident_id', 'channel']).where('id', '=', messageId).executeTakeFirst();
    if (!m) return false;
    try {
      return (await this.channels(actor, m.incident_id)).channels.includes(m.channel as Channel);
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return false;
      throw e;
    }
  }

  async post(actor: Actor, incidentId: string, text: string, channel: Channel): Promise<Message> {
    const { channels, roles, members } = await this.channels(actor, incidentId);
    if (!incidentScope(actor).all && roles.length === 0) throw forbidden(said('本单位未参与此警情', 'your agency has no part in this incident'));
    if (!channels.includes(channel)) throw validationError([members ? fieldError('body.channel', '只有联合指挥部成员单位可以在此发言', 'only the joint command’s members write there') : fieldError('body.channel', '此警情未成立联合指挥部', 'this incident has no joint command')]);
    const id = crypto.randomUUID();
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('messages').values({ id, incident_id: incidentId, channel, from_agency_id: actor.agencyId, from_user: actor.username, text, created_at: at }).execute();
      await recordChange(trx, actor, 'message', id, 'post', { incidentId, channel });
      // about the message: only readers of its channel hear of it (the command channel is the members')
      await enqueueEvent(trx, { type: 'incident.message', entity: 'incident', entityId: incidentId, about: { kind: 'message', id }, payload: { id: incidentId, messageId: id, channel } });
    });
    this.outbox.kick();
    return (await this.list(actor, incidentId)).messages.find((m) => m.id === id)!;
  }

  async list(actor: Actor, incidentId: string): Promise<{ messages: Message[] }> {
    const { channels } = await this.channels(actor, incidentId);
    // a reader of the incident may read none of its channels (a data-sharing agreement shares the case only)
    if (!channels.length) return { messages: [] };
    const rows = await this.db.kysely.selectFrom('messages').selectAll().where('incident_id', '=', incidentId).where('channel', 'in', channels).orderBy('created_at').orderBy('id').execute();
    const atts = rows.length ? await this.db.kysely.selectFrom('message_attachments').select(['id', 'message_id', 'name', 'content_type', 'size', 'sha256']).where('message_id', 'in', rows.map((r) => r.id)).execute() : [];
    const name = (id: string) => this.org.agencyName(id);
    const person = await displayNames(this.db.kysely, rows.map((r) => r.from_user));
    return {
      messages: rows.map((r) => ({
        id: r.id,
        incidentId: r.incident_id,
        channel: r.channel as Channel,
        fromAgencyId: r.from_agency_id,
        fromAgencyName: name(r.from_agency_id),
        fromUser: r.from_user,
        fromUserName: person(r.from_user),
        text: r.text,
        createdAt: r.created_at,
        attachments: atts.filter((a) => a.message_id === r.id).map((a) => ({ id: a.id, name: a.name, contentType: a.content_type, size: Number(a.size), sha256: a.sha256 })),
      })),
    };
  }

  private async message(actor: Actor, incidentId: string, messageId: string) {
    const { channels } = await this.channels(actor, incidentId);
    const m = await this.db.kysely.selectFrom('messages').selectAll().where('id', '=', messageId).where('incident_id', '=', incidentId).executeTakeFirst();
    if (!m || !channels.includes(m.channel as Channel)) throw notFound('message');
    return m;
  }

  async attach(actor: Actor, incidentId: string, messageId: string, file: UploadedFile): Promise<Message> {
    const m = await this.message(actor, incidentId, messageId);
    if (m.from_user !== actor.username) throw forbidden(said('只有消息的发送人可以添加附件', 'only the author attaches files to a message'));
    const { name, type } = acceptAttachment(file);
    const bytes = file.bytes;
    const id = crypto.randomUUID();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('message_attachments').values({ id, message_id: messageId, name, content_type: type, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), data: bytes }).execute();
      await recordChange(trx, actor, 'message', messageId, 'attach', { attachmentId: id, name, type, size: bytes.length });
    });
    return (await this.list(actor, incidentId)).messages.find((x) => x.id === messageId)!;
  }

  async attachment(actor: Actor, incidentId: string, messageId: string, attachmentId: string) {
    await this.message(actor, incidentId, messageId);
    const a = await this.db.kysely.selectFrom('message_attachments').selectAll().where('id', '=', attachmentId).where('message_id', '=', messageId).executeTakeFirst();
    if (!a) throw notFound('attachment');
    return { name: a.name, contentType: a.content_type, data: Buffer.from(a.data) };
  }
}
