import type { DomainEvent, EventBus, EventHandler } from './event.js';

/** The embedded default: one process, events handed to subscribers in order of publication. */
export class MemoryEventBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly handlers = new Set<EventHandler>();

  async publish(event: DomainEvent): Promise<void> {
    for (const h of [...this.handlers]) {
      try {
        h(event);
      } catch {
        // A failing subscriber must not stop the others or the publisher.
      }
    }
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
