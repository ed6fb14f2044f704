import type { FastifyInstance } from 'fastify';

/**
 * Closes the app on SIGTERM/SIGINT: Fastify stops accepting, answers 503 to new requests, lets the
 * ones in flight finish, then runs every onClose hook (subscriptions, store). A second signal, or
 * a close taking longer than `graceMs`, exits at once.
 */
export const closeOnSignals = (app: FastifyInstance, graceMs = 10_000): void => {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
};
