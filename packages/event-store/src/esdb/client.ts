/**
 * The EventStoreDB client, loaded on first use.
 *
 * Loading `@eventstore/db-client` (gRPC, protobuf) takes ~0.6 s and ~25 MB; every service and
 * test imports this package, and most of them run on SQLite. So the adapter's modules import
 * only the client's types, and the module itself is loaded here when an EventStoreDB store or
 * consumer group is opened.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';

/** The client module, as `import('@eventstore/db-client')` gives it. */
export type EsdbModule = typeof import('@eventstore/db-client');

let loading: Promise<EsdbModule> | undefined;

/** The client module; loaded once per process. */
export const loadEsdbModule = (): Promise<EsdbModule> => (loading ??= import('@eventstore/db-client'));

/** A connected client and the module it came from (for its constants and filters). */
export interface EsdbConnected {
  readonly esdb: EsdbModule;
  readonly client: EventStoreDBClient;
}

/**
 * A client for a connection string that `parseEsdbConnectionString` has accepted. The client
 * connects lazily: no request is made before the first read or append.
 */
export async function connectEsdb(connectionString: string): Promise<EsdbConnected> {
  const esdb = await loadEsdbModule();
  return { esdb, client: esdb.EventStoreDBClient.connectionString(connectionString.trim()) };
}
