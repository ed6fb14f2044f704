import type { EventStore } from './port.ts';
import type { StoreLocation } from './store-url.ts';
import { openSqliteEventStore } from './sqlite-event-store.ts';
import { openEsdbEventStore } from './esdb/esdb-event-store.ts';

/**
 * Opens the store a `MERIDIAN_STORE` value names (see `parseStoreUrl`).
 *
 * @example
 * await openEventStore(parseStoreUrl(process.env.MERIDIAN_STORE))
 */
export const openEventStore = async (location: StoreLocation): Promise<EventStore> => {
  switch (location.kind) {
    case 'sqlite':
      return openSqliteEventStore({ path: location.path });
    case 'esdb':
      return openEsdbEventStore({ connectionString: location.connectionString });
  }
};
