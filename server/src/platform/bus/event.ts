/**
 * A fact that happened, published after the change that caused it has committed. `id` is unique
 * per event, so a consumer (or NATS JetStream's de-duplication) can drop a repeat.
 */
export interface DomainEvent {
  id: string;
  type: string;
  at: string;
  entity: string;
  entityId: string;
  /**
   * The resource whose readers may hear of this event, decided when it is delivered by the same
   * policy as the resource's read route (platform/bus/readers.ts). Usually the entity itself; a
   * message in a command channel is about the message, so only that channel's readers hear of it.
   */
  about: ResourceRef;
  payload: unknown;
  /** position in the outbox, set when relayed: live clients resume from the last one they saw */
  seq?: number;
}

export interface ResourceRef {
  kind: string;
  id: string;
}

export type EventHandler = (event: DomainEvent) => void;

export interface EventBus {
  readonly kind: 'memory' | 'nats';
  publish(event: DomainEvent): Promise<void>;
  /** returns the function that unsubscribes */
  subscribe(handler: EventHandler): () => void;
  /** a bus that can be cut off says when it is back (the relay then sends what waited) */
  onReconnect?(handler: () => void): () => void;
  close(): Promise<void>;
}
