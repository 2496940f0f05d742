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
  /** agencies that may see this event; the live channel filters by it (empty: everyone in the department) */
  audience: string[];
  payload: unknown;
  /** only the audience sees it, not even the coordination centre (secret bulletins) */
  strict?: boolean;
  /** position in the outbox, set when relayed: live clients resume from the last one they saw */
  seq?: number;
}

export type EventHandler = (event: DomainEvent) => void;

export interface EventBus {
  readonly kind: 'memory' | 'nats';
  publish(event: DomainEvent): Promise<void>;
  /** returns the function that unsubscribes */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}
