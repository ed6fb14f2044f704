import type { Temporal } from '@meridian/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '@meridian/http';
import type { NotifyTables } from './db/tables.ts';
import type { DeliveryOutcome, LeasedNotification } from './db/outbox.ts';
import { signingSecrets, type Contact } from './db/contacts.ts';
import { nextAttemptDelay, type DeliveryResult } from './channels/delivery-result.ts';
import type { Channels } from './channels-port.ts';
import { outgoingMessages, type OutgoingMessage } from './outgoing-messages.ts';
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
  /** how long a leased notification belongs to this worker unless renewed (a third of it apart); tests shorten it */
  readonly leaseMs?: number;
  /** a webhook endpoint answered 410: end its subscription */
  readonly onGone: (subscriptionId: string) => Promise<void>;
  /** each attempt's result, by the channel it went to */
  readonly onResult?: (channel: OutgoingMessage['channel'], result: DeliveryResult) => void;
}

// Standard Webhooks asks for retries spread over days, so that a receiver down for a night still
// gets its notices: ceilings double from 5 s to 6 h, and 20 attempts span at most ~47 hours (about
// a day on average, with full jitter) before a notification is parked for an organiser.
const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 6 * 3_600_000 };
const DEFAULT_MAX_ATTEMPTS = 20;

// How long a leased notification belongs to this worker unless renewed: a worker that died (SIGKILL)
// holds its notifications this long at most before another worker, or its own restart, sends them.
// Renewed every third of it, so that one renewal failing (the database busy) loses no lease.
const DEFAULT_LEASE_MS = 15_000;

/** What an attempt came to: its channel's answer, or nothing to send (the subscriber was erased meanwhile). */
type AttemptResult = DeliveryResult | { readonly outcome: 'cancelled' };

/** A finished attempt whose outcome waits for the worker's next write. */
interface Settled {
  readonly notification: LeasedNotification;
  /** undefined when its message was not prepared: it could not be, or its subscriber was erased */
  readonly channel: OutgoingMessage['channel'] | undefined;
  readonly result: AttemptResult;
}

/**
 * Sends what the outbox holds: leases due notifications, hands each to its channel, and records
 * the outcome — delivered, retried later with exponential backoff and jitter (or after the
 * receiver's Retry-After), or parked as failed for an organiser to see and retry. A reminder past
 * its deadline is marked missed instead, never sent late. A crash between sending and recording
 * sends it again under the same id (at least once, never lost).
 *
 * Each turn of its loop is one transaction: the outcomes of the attempts that finished since the
 * last turn, and a lease on as many due notifications as there are free slots. A slot frees only
 * when its outcome is written, so at most `concurrency` sent notifications are ever unrecorded.
 */
export class DeliveryWorker {
  #running = false;
  /** leased and not yet recorded: the slots in use, and the leases to renew */
  #inFlightIds = new Set<string>();
  #settled: Settled[] = [];
  #followUps = new Set<Promise<void>>();
  #renewal: NodeJS.Timeout | null = null;
  #wake: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  #delivered = 0;
  readonly #outgoing: ReturnType<typeof outgoingMessages>;
  readonly #leaseMs: number;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.#outgoing = outgoingMessages(options.tables.templates);
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
    this.#renewal = setInterval(() => this.#renewLeases(), this.#leaseMs / 3);
    this.#renewal.unref();
  }

  /** A timer's callback: an error thrown here would end the process, so it is logged, and the next renewal tries again. */
  #renewLeases(): void {
    try {
      this.options.tables.outbox.renewLeases([...this.#inFlightIds], this.options.clock.now().epochMilliseconds + this.#leaseMs);
    } catch (error) {
      this.options.log.error({ err: error }, 'renewing delivery leases failed; trying again at the next renewal');
    }
  }

  /** There may be new work: look now rather than at the next poll. */
  wake(): void {
    this.#wake?.();
  }

  get delivered(): number {
    return this.#delivered;
  }

  /** Stops taking work, waits for the deliveries in flight and records them. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    await Promise.all(this.#followUps);
    if (this.#renewal !== null) clearInterval(this.#renewal);
  }

  async #run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 64;
    const idlePollMs = this.options.idlePollMs ?? 250;
    while (this.#running || this.#inFlightIds.size > 0) {
      // 1. one write: what finished, and new leases for the slots free after it
      const settled = this.#settled.splice(0);
      const free = this.#running ? concurrency - this.#inFlightIds.size + settled.length : 0;
      let leased: LeasedNotification[] = [];
      try {
        if (settled.length > 0 || free > 0) {
          const now = this.options.clock.now();
          leased = this.options.tables.outbox.recordAndLease(this.#outcomesOf(settled, now), now.epochMilliseconds, free, this.#leaseMs);
        }
      } catch (error) {
        // e.g. the database busy beyond its timeout: keep the outcomes for the next turn
        this.options.log.error({ err: error }, 'recording deliveries failed; trying again');
        this.#settled.unshift(...settled);
        await this.#sleep(idlePollMs);
        continue;
      }
      // 2. what follows a recorded outcome
      for (const { notification, channel, result } of settled) {
        this.#inFlightIds.delete(notification.id);
        if (result.outcome === 'delivered') this.#delivered += 1;
        if (channel !== undefined && result.outcome !== 'cancelled') this.options.onResult?.(channel, result);
        if (result.outcome === 'gone') this.#followUp(this.options.onGone(notification.subscriptionId));
      }
      // 3. the new deliveries, their contacts read at once (read now, as each delivery would at its start)
      const contacts = leased.length > 0 ? this.options.tables.contacts.getMany(leased.map(({ subscriptionId }) => subscriptionId)) : new Map<string, Contact>();
      for (const notification of leased) {
        this.#inFlightIds.add(notification.id);
        void this.#deliver(notification, contacts.get(notification.subscriptionId));
      }
      // 4. until a delivery finishes, new work is enqueued, or the next poll (for retries falling due)
      if (this.#settled.length === 0) await this.#sleep(idlePollMs);
    }
  }

  /**
   * Waits `ms`, or less when woken. A wake-up waits for the end of the current turn of the event
   * loop, so that every delivery finishing in it is recorded by the same write.
   */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        clearTimeout(timer);
        setImmediate(done);
      };
    });
  }

  #followUp(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.options.log.error({ err: error }, 'ending a gone subscription failed'))
      .finally(() => this.#followUps.delete(tracked));
    this.#followUps.add(tracked);
  }

  /** `contact` is undefined when the subscription ended (its contact erased). */
  async #deliver(notification: LeasedNotification, contact: Contact | undefined): Promise<void> {
    // Erasing the contact erased the message too (in one transaction): nothing is left to prepare,
    // and nothing for an organiser to retry (the subscriber left): cancelled, as the erasure
    // cancels what is not leased.
    if (contact === undefined) return this.#settle(notification, undefined, { outcome: 'cancelled' });
    let channel: OutgoingMessage['channel'] | undefined;
    let result: DeliveryResult;
    try {
      const message = this.#outgoing(notification.recorded);
      channel = message.channel;
      result = await this.#send(notification, message, contact);
    } catch (error) {
      result = { outcome: 'retry', reason: `unexpected: ${(error as Error).message}` };
      this.options.log.error({ err: error, notification: notification.id }, 'delivery threw');
    }
    this.#settle(notification, channel, result);
  }

  #settle(notification: LeasedNotification, channel: OutgoingMessage['channel'] | undefined, result: AttemptResult): void {
    this.#settled.push({ notification, channel, result });
    this.wake();
  }

  async #send(notification: LeasedNotification, message: OutgoingMessage, contact: Contact): Promise<DeliveryResult> {
    const { channels, clock } = this.options;
    if (message.channel === 'webhook') {
      if (contact.url === null) return { outcome: 'failed', reason: 'no webhook URL' };
      return channels.webhook.send(
        { url: contact.url, secrets: signingSecrets(contact, clock.now().epochMilliseconds) },
        { id: notification.id, type: message.type, body: message.body },
      );
    }
    if (channels.email === null) return { outcome: 'retry', reason: 'no SMTP server is configured' };
    if (contact.address === null) return { outcome: 'failed', reason: 'no e-mail address' };
    return channels.email.send({
      to: contact.address,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: notification.id,
      ...(message.listUnsubscribe !== null && { listUnsubscribe: { url: message.listUnsubscribe } }),
      ...(message.icalEvent !== null && { icalEvent: message.icalEvent }),
    });
  }

  /** What the attempts came to, as of this turn's write (one timestamp for all its deliveries). */
  #outcomesOf(settled: readonly Settled[], now: Temporal.Instant): DeliveryOutcome[] {
    const at = storedTimestamp(now);
    return settled.map(({ notification, result }) => this.#outcomeOf(notification, result, now, at));
  }

  #outcomeOf(notification: LeasedNotification, result: AttemptResult, now: Temporal.Instant, at: string): DeliveryOutcome {
    const { id } = notification;
    switch (result.outcome) {
      case 'delivered':
        return { id, status: 'delivered', at };
      case 'retry': {
        const attempt = notification.attempts + 1;
        if (attempt >= (this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) return { id, status: 'failed', error: `gave up after ${attempt} attempts: ${result.reason}` };
        const delay = nextAttemptDelay(attempt, {
          ...(this.options.backoff ?? DEFAULT_BACKOFF),
          random: this.options.random ?? Math.random,
          retryAfterMs: result.retryAfterMs,
        });
        return { id, status: 'retry', nextAttemptAt: now.epochMilliseconds + delay, error: result.reason };
      }
      case 'gone':
      case 'failed':
        return { id, status: 'failed', error: result.reason };
      case 'cancelled':
        return { id, status: 'cancelled' };
    }
  }
}
