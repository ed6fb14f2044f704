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

/**
 * Listens on the configured port; a port another process holds is said in one line naming the
 * variable, and the process exits 2 (an operator's setting to change, not a crash to debug).
 */
export const listenOrExit = async (app: FastifyInstance, service: string, address: { port: number; host: string }): Promise<void> => {
  try {
    await app.listen(address);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`${service}: PORT ${address.port} on ${address.host} is already in use by another process: stop it, or set another PORT\n`);
    await app.close();
    process.exit(2);
  }
};
