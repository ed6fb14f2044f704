import type { Checkpoint, EventStore, RecordedEvent, Subscription } from '@meridian/event-store';
import type { FastifyBaseLogger } from 'fastify';

export interface ProjectorOptions {
  readonly store: EventStore;
  /** each read model's `apply`, called in global order */
  readonly projections: readonly ((event: RecordedEvent) => void)[];
  readonly log: FastifyBaseLogger;
  /** after a failure, wait this long before subscribing again from the last checkpoint */
  readonly retryMs?: number;
  /** the read models hold every event up to this one already (restored from a snapshot) */
  readonly from?: AppliedEvent;
}

/** The last event the read models applied: where they are, and which event is there. */
export type AppliedEvent = Pick<RecordedEvent, 'position' | 'stream' | 'version' | 'id'>;

/**
 * Feeds the in-memory read models from the store's subscription, in order, from the last
 * checkpoint it applied: after an error it resubscribes from there, so nothing is skipped or
 * applied twice. Its state answers readiness and metrics.
 */
export class Projector {
  #subscription: Subscription | null = null;
  #lastApplied: AppliedEvent | undefined;
  #caughtUp = false;
  #closed = false;
  #eventsProcessed = 0;
  #lastRecordedAt: string | null = null;
  #lastError: unknown = null;
  #firstCatchUp: Promise<void>;
  #resolveFirstCatchUp!: () => void;
  #retry: NodeJS.Timeout | null = null;

  constructor(private readonly options: ProjectorOptions) {
    this.#lastApplied = options.from;
    this.#firstCatchUp = new Promise((resolve) => (this.#resolveFirstCatchUp = resolve));
  }

  /** Starts the subscription; resolves once the read models hold everything stored at start. */
  start(): Promise<void> {
    this.#subscribe();
    return this.#firstCatchUp;
  }

  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  get checkpoint(): Checkpoint | undefined {
    return this.#lastApplied?.position;
  }

  get lastApplied(): AppliedEvent | undefined {
    return this.#lastApplied;
  }

  get eventsProcessed(): number {
    return this.#eventsProcessed;
  }

  /** when the store recorded the last event applied: how far behind the read models are */
  get lastRecordedAt(): string | null {
    return this.#lastRecordedAt;
  }

  get lastError(): unknown {
    return this.#lastError;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry !== null) clearTimeout(this.#retry);
    await this.#subscription?.close();
  }

  #subscribe(): void {
    this.#subscription = this.options.store.subscribe({
      ...(this.#lastApplied !== undefined && { from: this.#lastApplied.position }),
      onEvent: (event) => {
        for (const apply of this.options.projections) apply(event);
        this.#lastApplied = { position: event.position, stream: event.stream, version: event.version, id: event.id };
        this.#eventsProcessed += 1;
        this.#lastRecordedAt = event.recordedAt;
      },
      onCaughtUp: () => {
        this.#caughtUp = true;
        this.#lastError = null;
        this.#resolveFirstCatchUp();
      },
      onError: (error) => {
        this.#caughtUp = false;
        this.#lastError = error;
        this.options.log.error({ err: error, checkpoint: this.checkpoint }, 'read-model subscription failed; resubscribing');
        if (!this.#closed) this.#retry = setTimeout(() => this.#subscribe(), this.options.retryMs ?? 1000);
      },
    });
  }
}
