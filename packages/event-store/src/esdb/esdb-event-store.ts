import { validateAppend } from '../append-validation.ts';
import { StoreClosedError } from '../errors.ts';
import type { Checkpoint, EventStore, ReadAllOptions, Subscription } from '../port.ts';
import { appendToEsdb } from './append.ts';
import type { BackoffOptions } from './backoff.ts';
import { checkpointToPosition } from './checkpoint.ts';
import { connectEsdb, type EsdbConnected } from './client.ts';
import { parseEsdbConnectionString, type EsdbConnection } from './connection.ts';
import { userEventsFilter } from './filter.ts';
import { fromRevisionAfter } from './mapping.ts';
import { validateReadLimit } from '../read-validation.ts';
import { readAllAfter, readHeadCheckpoint, readStreamEvents } from './reads.ts';
import { startEsdbSubscription, type EsdbSubscription } from './subscription.ts';

/** Options of {@link openEsdbEventStore}. */
export interface EsdbEventStoreOptions {
  /**
   * `esdb://host:2113,host2:2113,host3:2113?tls=true&tlsCAFile=/certs/ca.crt` (gossip seeds) or
   * `esdb+discover://cluster.example.org` (DNS); the value of `MERIDIAN_STORE`.
   */
  readonly connectionString: string;
  /** how a dropped subscription waits before it is opened again (default 100 ms doubling to 10 s) */
  readonly resubscribe?: BackoffOptions;
  /** told of every subscription drop that is retried, for logs and metrics */
  readonly onSubscriptionRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** how many events one read of $all asks for (default 500; at least 2) */
  readonly readPageSize?: number;
}

/** The EventStoreDB adapter: the port plus what it connects to. */
export interface EsdbEventStore extends EventStore {
  /** the parsed connection string (its `redacted` form is safe to log) */
  readonly connection: EsdbConnection;
}

/**
 * Opens the EventStoreDB adapter of the event-store port. The connection string is checked at
 * once (an InvalidStoreUrlError for anything the client would misread); the client is loaded and
 * connects on first use. Versions are revision + 1, checkpoints are `"<commit>/<prepare>"`
 * $all positions, and `close()` disposes of the client.
 *
 * @example
 * const store = openEsdbEventStore({ connectionString: 'esdb://localhost:2113?tls=false' })
 * await store.append(`meeting-${id}`, [meetingCreated], { expectedVersion: 0 }) //=> { version: 1, position: '1234/1234' }
 */
export function openEsdbEventStore(options: EsdbEventStoreOptions): EsdbEventStore {
  const connection = parseEsdbConnectionString(options.connectionString);
  const pageSize = options.readPageSize ?? 500;
  // A read from a position includes the event at it: a page of one would only read that again.
  if (!Number.isSafeInteger(pageSize) || pageSize < 2) throw new RangeError(`readPageSize must be an integer ≥ 2, not ${pageSize}`);
  const connecting = connectEsdb(options.connectionString);
  // A failure to load or construct the client surfaces in the first call that needs it.
  connecting.catch(() => undefined);
  const subscriptions = new Set<EsdbSubscription>();
  let closed = false;

  const connected = async (): Promise<EsdbConnected> => {
    if (closed) throw new StoreClosedError();
    return connecting;
  };

  return {
    connection,

    async append(stream, events, appendOptions) {
      if (closed) throw new StoreClosedError();
      validateAppend(stream, events, appendOptions);
      return appendToEsdb(await connected(), stream, events, appendOptions.expectedVersion);
    },

    async readStream(stream, readOptions = {}) {
      if (closed) throw new StoreClosedError();
      const fromRevision = fromRevisionAfter(readOptions.afterVersion ?? 0);
      validateReadLimit(readOptions.limit);
      return readStreamEvents(await connected(), stream, fromRevision, readOptions.limit === undefined ? {} : { maxCount: readOptions.limit });
    },

    async readAll(readOptions: ReadAllOptions = {}) {
      if (closed) throw new StoreClosedError();
      const { limit } = readOptions;
      validateReadLimit(limit);
      const after = readOptions.after === undefined ? undefined : checkpointToPosition(readOptions.after);
      return readAllAfter(await connected(), {
        pageSize,
        ...(after === undefined ? {} : { after }),
        ...(limit === undefined ? {} : { limit }),
      });
    },

    subscribe(subscribeOptions): Subscription {
      if (closed) throw new StoreClosedError();
      if (subscribeOptions.from !== undefined) checkpointToPosition(subscribeOptions.from);
      const subscription = startEsdbSubscription(
        {
          async open(from, checkpointReached) {
            const { esdb, client } = await connecting;
            return client.subscribeToAll({ fromPosition: from ?? esdb.START, filter: userEventsFilter(esdb, checkpointReached) });
          },
        },
        subscribeOptions,
        {
          ...(options.resubscribe === undefined ? {} : { backoff: options.resubscribe }),
          ...(options.onSubscriptionRetry === undefined ? {} : { onRetry: options.onSubscriptionRetry }),
        },
      );
      subscriptions.add(subscription);
      void subscription.stopped.finally(() => subscriptions.delete(subscription));
      return subscription;
    },

    async headCheckpoint(): Promise<Checkpoint | undefined> {
      if (closed) throw new StoreClosedError();
      return readHeadCheckpoint(await connected(), pageSize);
    },

    async close() {
      if (closed) return;
      closed = true;
      // allSettled: however a subscription's close ends, the client is still disposed of.
      await Promise.allSettled([...subscriptions].map((subscription) => subscription.close()));
      const client = await connecting.catch(() => undefined);
      await client?.client.dispose();
    },
  };
}
