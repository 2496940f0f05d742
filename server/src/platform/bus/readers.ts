import type { Actor } from '../auth/actor.js';
import type { ResourceRef } from './event.js';
import { isDatabaseUnavailable } from '../db/availability.js';

/** Whether the actor may read this resource now, by the same code as its read route. */
export type ReadCheck = (actor: Actor, id: string) => Promise<boolean>;

/**
 * Who may hear of an event: each kind of resource registers the check its read route makes, and
 * the live channel and the webhooks ask it for every event, at the moment they deliver it. A kind
 * nobody registered is heard by nobody (closed by default), so a module that starts emitting
 * events about something new cannot leak them before it says who may read it.
 */
export class ResourceReaders {
  private readonly checks = new Map<string, ReadCheck>();

  constructor(private readonly onError: (e: unknown, ref: ResourceRef) => void = () => {}) {}

  register(kind: string, check: ReadCheck): void {
    if (this.checks.has(kind)) throw new Error(`a read check for ${kind} is already registered`);
    this.checks.set(kind, check);
  }

  kinds(): string[] {
    return [...this.checks.keys()];
  }

  async canRead(actor: Actor, ref: ResourceRef): Promise<boolean> {
    const check = this.checks.get(ref.kind);
    if (!check) return false;
    try {
      return await check(actor, ref.id);
    } catch (e) {
      // With the database away nothing can be judged: the caller must try again later (a console
      // reconnects and catches up, the webhook fan-out keeps its cursor) rather than drop the event.
      if (isDatabaseUnavailable(e)) throw e;
      // a failed check keeps the event back rather than risk showing it
      this.onError(e, ref);
      return false;
    }
  }
}

/**
 * What read rules decide on: agency, its type and the roles — never the person. Readers with the
 * same profile get the same answer, so one check serves every console of a profile.
 */
export function accessProfile(actor: Actor): string {
  return `${actor.agencyId}|${actor.agencyType ?? ''}|${[...actor.roles].sort().join(',')}`;
}

/**
 * Remembers answers per event and profile for a moment: an event fanned out to fifty consoles of
 * five agencies costs five checks, not fifty. An answer is reused for at most `ttlMs`, so a
 * console catching up later is judged by who may read the resource then, not when it happened.
 */
export class ReadCache {
  private readonly byEvent = new Map<string, Map<string, { at: number; answer: Promise<boolean> }>>();

  constructor(
    private readonly readers: ResourceReaders,
    private readonly ttlMs = 2000,
    private readonly keep = 500,
  ) {}

  canRead(actor: Actor, eventId: string, ref: ResourceRef): Promise<boolean> {
    let answers = this.byEvent.get(eventId);
    if (!answers) {
      answers = new Map();
      this.byEvent.set(eventId, answers);
      if (this.byEvent.size > this.keep) this.byEvent.delete(this.byEvent.keys().next().value!);
    }
    const key = accessProfile(actor);
    const now = Date.now();
    const known = answers.get(key);
    if (known && now - known.at <= this.ttlMs) return known.answer;
    const answer = this.readers.canRead(actor, ref);
    answers.set(key, { at: now, answer });
    return answer;
  }
}
