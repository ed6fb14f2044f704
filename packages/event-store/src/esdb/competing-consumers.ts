/**
 * Competing consumers on an EventStoreDB persistent subscription to $all, for work that several
 * workers share (the notify workers): the server hands each event of the group to one consumer,
 * keeps the group's checkpoint itself, and retries or parks what fails.
 *
 * What a handler is promised differs from the port's `subscribe`: each event goes to one worker
 * of the group, at least once (a worker that dies before its ack has the event handed to another
 * after the message timeout), and not in global order across workers. Handlers must therefore be
 * idempotent on the event id (an outbox keyed by it, say).
 */
import type { PersistentSubscriptionToAll, PersistentSubscriptionToAllResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../port.ts';
import { backoffDelay, pause, type BackoffOptions } from './backoff.ts';
import { isPersistentGroupExists, isPersistentGroupMissing, isTransientEsdbError } from './client-errors.ts';
import { connectEsdb, type EsdbConnected } from './client.ts';
import { parseEsdbConnectionString, type EsdbConnection } from './connection.ts';
import { isSystemEventType, toRecordedEvent } from './events.ts';
import { userEventsFilter } from './filter.ts';
import { reportStop } from './report-stop.ts';
import {
  competingGroupSettings,
  failureReason,
  isAfterStartFrom,
  nackActionFor,
  validateGroupName,
  type CompetingGroupOptions,
} from './competing-settings.ts';

/** What a handler is told besides the event. */
export interface DeliveryContext {
  /** how many times the server has handed this event out before (0 the first time) */
  readonly retryCount: number;
}

/** Handles one event of the group; a rejection is a nack: retried, then parked. */
export type CompetingHandler = (event: RecordedEvent, context: DeliveryContext) => void | Promise<void>;

/** Options of {@link CompetingConsumers.consume}. */
export interface ConsumeOptions extends CompetingGroupOptions {
  /**
   * how many unacknowledged events the server sends this consumer ahead (default 10). Their
   * `messageTimeoutMs` runs while they wait in the buffer: keep `bufferSize` × the slowest
   * handler's time under it, or events handed out but not yet handled time out, go to another
   * consumer, and may be parked without a handler ever failing
   */
  readonly bufferSize?: number;
  /** told of each failure of the handler and what was done with the event */
  readonly onHandlerError?: (error: unknown, event: RecordedEvent, action: 'retry' | 'park') => void;
  /** called when the consumer stops on an error it cannot retry (access denied…) */
  readonly onError?: (error: unknown) => void;
}

/** Options of {@link openEsdbCompetingConsumers}. */
export interface CompetingConsumersOptions {
  /** as for `openEsdbEventStore`: `esdb://…` or `esdb+discover://…` */
  readonly connectionString: string;
  /** how a dropped consumer waits before it subscribes again (default 100 ms doubling to 10 s) */
  readonly resubscribe?: BackoffOptions;
  /** told of each drop that is retried */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export interface CompetingConsumers {
  readonly connection: EsdbConnection;
  /**
   * Joins consumer group `group` (created if missing, filtered to exclude system events) and
   * hands it events one at a time: ack once `handler` resolves, nack with retry when it
   * rejects, park (nack) after `maxRetries` retries.
   */
  consume(group: string, handler: CompetingHandler, options?: ConsumeOptions): Subscription;
  /** stops every consumer (each after its handler in progress) and disposes of the client */
  close(): Promise<void>;
}

/**
 * Opens a client for competing consumers on persistent subscriptions to $all.
 *
 * @example
 * const consumers = openEsdbCompetingConsumers({ connectionString: process.env.MERIDIAN_STORE! })
 * consumers.consume('notify', async (event) => outbox.enqueue(event), { maxRetries: 5 })
 */
export function openEsdbCompetingConsumers(options: CompetingConsumersOptions): CompetingConsumers {
  const connection = parseEsdbConnectionString(options.connectionString);
  const connecting = connectEsdb(options.connectionString);
  connecting.catch(() => undefined);
  const running = new Set<Subscription & { stopped: Promise<void> }>();
  let closed = false;

  return {
    connection,
    consume(group, handler, consumeOptions = {}) {
      if (closed) throw new Error('the competing consumers are closed');
      validateGroupName(group);
      const consumer = startConsumer(connecting, group, handler, consumeOptions, options);
      running.add(consumer);
      void consumer.stopped.finally(() => running.delete(consumer));
      return consumer;
    },
    async close() {
      if (closed) return;
      closed = true;
      // allSettled: however a consumer's close ends, the client is still disposed of.
      await Promise.allSettled([...running].map((consumer) => consumer.close()));
      const connected = await connecting.catch(() => undefined);
      await connected?.client.dispose();
    },
  };
}

function startConsumer(
  connecting: Promise<EsdbConnected>,
  group: string,
  handler: CompetingHandler,
  options: ConsumeOptions,
  shared: CompetingConsumersOptions,
): Subscription & { stopped: Promise<void> } {
  const closing = new AbortController();
  const maxRetries = options.maxRetries ?? 5;
  const isAfterStart = isAfterStartFrom(options.startFrom);
  let current: PersistentSubscriptionToAll | undefined;
  let inFlight: Promise<void> | undefined;
  let attempt = 0;

  const handle = async (subscription: PersistentSubscriptionToAll, resolved: PersistentSubscriptionToAllResolvedEvent, esdb: EsdbConnected['esdb']) => {
    const event = resolved.event;
    if (!event || isSystemEventType(event.type)) return subscription.ack(resolved);
    // A group starts AT its start checkpoint: the event there was the caller's last one already.
    if (event.position && !isAfterStart(event.position)) return subscription.ack(resolved);
    let recorded: RecordedEvent;
    try {
      recorded = toRecordedEvent(resolved);
    } catch (error) {
      // Not an event this adapter can read (no position, a foreign payload): retrying cannot help.
      return subscription.nack(esdb.PARK, failureReason(error), resolved);
    }
    try {
      await handler(recorded, { retryCount: resolved.retryCount });
    } catch (error) {
      const action = nackActionFor(resolved.retryCount, maxRetries);
      options.onHandlerError?.(error, recorded, action);
      return subscription.nack(action === 'park' ? esdb.PARK : esdb.RETRY, failureReason(error), resolved);
    }
    return subscription.ack(resolved);
  };

  const drop = async () => {
    const dropped = current;
    current = undefined;
    // Nobody iterates it any more: a late error of the call must not become an uncaught 'error'.
    dropped?.on('error', () => undefined);
    await dropped?.unsubscribe().catch(() => undefined);
    dropped?.destroy();
  };

  const run = async () => {
    while (!closing.signal.aborted) {
      try {
        const connected = await connecting;
        // 1. the group, created on first use with the system-event filter
        await ensureGroup(connected, group, options);
        // 2. the subscription: events one at a time, acked or nacked as the handler ends
        const subscription = connected.client.subscribeToPersistentSubscriptionToAll(group, { bufferSize: options.bufferSize ?? 10 });
        current = subscription;
        if (closing.signal.aborted) return;
        for await (const resolved of subscription) {
          if (closing.signal.aborted) return; // not acked: the server hands it to another consumer
          inFlight = handle(subscription, resolved, connected.esdb);
          await inFlight;
          inFlight = undefined;
          attempt = 0;
        }
        if (closing.signal.aborted) return;
        throw new ConsumerEnded();
      } catch (error) {
        if (closing.signal.aborted) return;
        // A group deleted under us is created again on the next round.
        if (!(error instanceof ConsumerEnded) && !isPersistentGroupMissing(error) && !isTransientEsdbError(error)) throw error;
        await drop();
        attempt += 1;
        const delayMs = backoffDelay(attempt, shared.resubscribe);
        shared.onRetry?.(error, attempt, delayMs);
        await pause(delayMs, closing.signal);
      } finally {
        await drop();
      }
    }
  };

  const stopped = Promise.resolve()
    .then(run)
    .then(undefined, (error: unknown) => reportStop(error, options.onError));
  return {
    stopped,
    async close() {
      if (!closing.signal.aborted) {
        closing.abort();
        // The event in hand is handled and acked first; then the iteration is ended.
        await inFlight?.catch(() => undefined);
        await current?.unsubscribe().catch(() => undefined);
        current?.destroy();
      }
      return stopped;
    },
  };
}

/** The server ended a consumer's subscription without an error: it is opened again. */
class ConsumerEnded extends Error {
  constructor() {
    super('EventStoreDB ended the persistent subscription');
  }
}

/** Creates the group if it is missing; a group that exists is left as it is. */
async function ensureGroup({ esdb, client }: EsdbConnected, group: string, options: CompetingGroupOptions): Promise<void> {
  try {
    await client.createPersistentSubscriptionToAll(group, esdb.persistentSubscriptionToAllSettingsFromDefaults(competingGroupSettings(esdb, options)), {
      filter: userEventsFilter(esdb),
    });
  } catch (error) {
    if (!isPersistentGroupExists(error)) throw error;
  }
}
