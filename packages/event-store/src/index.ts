/** @meridian/event-store: the port, its errors, the SQLite adapter and the store URL parser. */
export type {
  AppendOptions,
  AppendResult,
  Checkpoint,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './port.ts';
export {
  DuplicateEventIdError,
  InvalidAppendError,
  InvalidCheckpointError,
  InvalidStoreUrlError,
  SqliteStoreNeedsFileError,
  StoreClosedError,
  StoreUnavailableError,
  StoreWriterFailedError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from './errors.ts';
export { openSqliteEventStore, type SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.ts';
export { findRepoRoot, parseStoreUrl, resolveFromRepoRoot, type ParseStoreUrlOptions, type StoreLocation } from './store-url.ts';
export * from './command-handler.ts';
export * from './open-store.ts';
export { openEsdbEventStore, type EsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store.ts';
export {
  openEsdbCompetingConsumers,
  type CompetingConsumers,
  type CompetingConsumersOptions,
  type CompetingHandler,
  type ConsumeOptions,
  type DeliveryContext,
} from './esdb/competing-consumers.ts';
export { parseEsdbConnectionString, type EsdbConnection, type ParseEsdbConnectionOptions } from './esdb/connection.ts';
export { redactConnectionString } from './redact-credentials.ts';
