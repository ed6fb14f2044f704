import { Temporal } from '@meridian/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '@meridian/http';
import type { NotifyTables } from './db/tables.ts';
import type { OutboxEntry } from './db/outbox.ts';
import { signingSecrets } from './db/contacts.ts';
import { nextAttemptDelay, type DeliveryResult } from './channels/delivery-result.ts';
import type { Channels } from './channels-port.ts';
import { storedTimestamp } from './timestamps.ts';

export interface DeliveryWorkerOptions {
  readonly tables: NotifyTables;
  readonly channels: Channels;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /** deliveries in flight at once */
  readonly concurrency?: number;
  /** attempts before a notification is parked as failed */
  readonly maxAttempts?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly random?: () => number;
  /** when idle, look for due notifications this often (a wake-up comes sooner after an enqueue) */
  readonly idlePollMs?: number;
  /** a webhook endpoint answered 410: end its subscription */
  readonly onGone: (subscriptionId: string, reason: string) => Promise<void>;
  readonly onResult?: (entry: OutboxEntry, result: DeliveryResult) => void;
}

// How long a leased notification belongs to this worker unless renewed: a worker that died (SIGKILL)
// holds its notifications this long at most before another worker, or its own restart, sends them.
const LEASE_MS = 15_000;
const RENEW_EVERY_MS = 5_000;

/**
 * Sends what the outbox holds: leases due notifications, hands each to its channel, and records
 * the outcome — delivered, retried later with exponential backoff and jitter (or after the
 * receiver's Retry-After), or parked as failed for an organiser to see and retry. A crash between
 * sending and recording sends it again under the same id (at least once, never lost).
 */
export class DeliveryWorker {
  #running = false;
  #inFlight = new Set<Promise<void>>();
  #inFlightIds = new Set<string>();
  #renewal: NodeJS.Timeout | null = null;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  #delivered = 0;

  constructor(private readonly options: DeliveryWorkerOptions) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
    this.#renewal = setInterval(() => {
      this.options.tables.outbox.renewLeases([...this.#inFlightIds], this.options.clock.now().epochMilliseconds + LEASE_MS);
    }, RENEW_EVERY_MS);
    this.#renewal.unref();
  }

  /** There may be new work: look now rather than at the next poll. */
  wake(): void {
    this.#wake?.();
  }

  get delivered(): number {
    return this.#delivered;
  }

  /** Stops taking work and waits for the deliveries in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    await Promise.all(this.#inFlight);
    if (this.#renewal !== null) clearInterval(this.#renewal);
  }

  async #run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 64;
    while (this.#running) {
      const free = concurrency - this.#inFlight.size;
      const leased = free > 0 ? this.options.tables.outbox.lease(this.options.clock.now().epochMilliseconds, free, LEASE_MS) : [];
      for (const entry of leased) {
        this.#inFlightIds.add(entry.id);
        const delivery = this.#deliver(entry).finally(() => {
          this.#inFlight.delete(delivery);
          this.#inFlightIds.delete(entry.id);
          this.wake();
        });
        this.#inFlight.add(delivery);
      }
      if (leased.length === 0 || this.#inFlight.size >= concurrency) await this.#sleep(this.options.idlePollMs ?? 250);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }

  async #deliver(entry: OutboxEntry): Promise<void> {
    let result: DeliveryResult;
    try {
      result = await this.#send(entry);
    } catch (error) {
      result = { outcome: 'retry', reason: `unexpected: ${(error as Error).message}` };
      this.options.log.error({ err: error, notification: entry.id }, 'delivery threw');
    }
    this.#record(entry, result);
    this.options.onResult?.(entry, result);
    if (result.outcome === 'gone') await this.options.onGone(entry.subscriptionId, result.reason);
  }

  async #send(entry: OutboxEntry): Promise<DeliveryResult> {
    const { tables, channels, clock } = this.options;
    const contact = tables.contacts.get(entry.subscriptionId);
    if (contact === undefined) return { outcome: 'failed', reason: 'the subscription ended and its contact was erased' };
    const message = entry.message;
    if (message.channel === 'webhook') {
      if (contact.url === null) return { outcome: 'failed', reason: 'no webhook URL' };
      return channels.webhook.send(
        { url: contact.url, secrets: signingSecrets(contact, clock.now().epochMilliseconds) },
        { id: entry.id, type: message.type, timestamp: Temporal.Instant.from(message.timestamp), data: message.data },
      );
    }
    if (channels.email === null) return { outcome: 'retry', reason: 'no SMTP server is configured' };
    if (contact.address === null) return { outcome: 'failed', reason: 'no e-mail address' };
    return channels.email.send({
      to: contact.address,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: entry.id,
      ...(message.listUnsubscribe !== null && { listUnsubscribe: { url: message.listUnsubscribe } }),
      ...(message.icalEvent !== null && { icalEvent: message.icalEvent }),
    });
  }

  #record(entry: OutboxEntry, result: DeliveryResult): void {
    const { outbox } = this.options.tables;
    const now = this.options.clock.now();
    switch (result.outcome) {
      case 'delivered':
        this.#delivered += 1;
        outbox.markDelivered(entry.id, storedTimestamp(now));
        return;
      case 'retry': {
        const attempt = entry.attempts + 1;
        if (attempt >= (this.options.maxAttempts ?? 10)) {
          outbox.markFailed(entry.id, `gave up after ${attempt} attempts: ${result.reason}`);
          return;
        }
        const delay = nextAttemptDelay(attempt, {
          baseMs: this.options.backoff?.baseMs ?? 5_000,
          maxMs: this.options.backoff?.maxMs ?? 3_600_000,
          random: this.options.random ?? Math.random,
          retryAfterMs: result.retryAfterMs,
        });
        outbox.scheduleRetry(entry.id, now.epochMilliseconds + delay, result.reason);
        return;
      }
      case 'gone':
      case 'failed':
        outbox.markFailed(entry.id, result.reason);
        return;
    }
  }
}
