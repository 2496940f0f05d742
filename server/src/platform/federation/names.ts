import type { FederationConfig } from './config.js';

/** The kinds of message nodes exchange; the last token of a federation subject. */
export const MESSAGE_TYPES = ['node', 'directory', 'incident', 'indicators', 'bulletin', 'receipt'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Subjects and streams of the federation, the same on every node. Every node publishes only
 * under `<prefix>.fed.<its code>.>`, into its own stream in its own JetStream domain; the
 * bureau's stream also sources every department's, and each department's inbound stream sources
 * from the bureau's what is addressed to it (`<prefix>.fed.*.<its code>.>`). Subject spaces of
 * different nodes never overlap, so a stream on one side of a leaf connection never captures what
 * the other side publishes.
 */
export class FederationNames {
  constructor(readonly prefix: string) {}

  private streamPart(s: string): string {
    return s.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
  }

  /** the stream a node writes what it shares into (the bureau's also holds every department's) */
  outStream(code: string): string {
    return `${this.streamPart(this.prefix)}_FED_${this.streamPart(code)}`;
  }

  /** a department's copy of what the bureau's stream holds for it */
  inStream(code: string): string {
    return `${this.outStream(code)}_IN`;
  }

  subject(from: string, to: string, type: MessageType): string {
    return `${this.prefix}.fed.${from}.${to}.${type}`;
  }

  ownSubjects(code: string): string {
    return `${this.prefix}.fed.${code}.>`;
  }

  addressedTo(code: string): string {
    return `${this.prefix}.fed.*.${code}.>`;
  }

  /** from, to and type of a federation subject, or null for anything else */
  parse(subject: string): { from: string; to: string; type: MessageType } | null {
    const head = `${this.prefix}.fed.`;
    if (!subject.startsWith(head)) return null;
    const [from, to, type, ...rest] = subject.slice(head.length).split('.');
    if (!from || !to || rest.length || !(MESSAGE_TYPES as readonly string[]).includes(type ?? '')) return null;
    return { from, to, type: type as MessageType };
  }

  /** the durable consumer through which a node's platform imports what reached it */
  readonly consumer = 'railjoint-import';

  /** the stream this node imports from: the bureau reads its own (every department's messages), a department its inbound */
  importStream(cfg: FederationConfig): string {
    return cfg.role === 'bureau' ? this.outStream(cfg.code) : this.inStream(cfg.code);
  }
}
