import { randomBytes } from 'node:crypto';
import { openEventStore } from '@meridian/event-store';
import { ConfigError, closeOnSignals, listenOrExit } from '@meridian/http';
import { loadScheduleConfig } from './config.ts';
import { buildScheduleApp } from './app.ts';
import { systemClock } from '@meridian/http';

/** Starts the schedule service from the environment; a bad configuration exits with a clear message. */
const main = async (): Promise<void> => {
  let config;
  try {
    config = loadScheduleConfig(process.env, () => randomBytes(32).toString('hex'));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`schedule: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const store = await openEventStore(config.store);
  // Listening during the replay: the probes answer (a long replay is not a dead process), the
  // other routes 503 until it is done.
  const app = await buildScheduleApp({ config, store, clock: systemClock, awaitCatchUp: false });
  app.addHook('onClose', async () => store.close());
  if (!config.secretConfigured) app.log.warn('MERIDIAN_SECRET is not set: personal-feed links are signed with a key that dies with this process');
  if (config.organisersByToken.size === 0) app.log.warn('MERIDIAN_API_TOKENS is empty: no organiser can write');
  closeOnSignals(app);
  await listenOrExit(app, 'schedule', { port: config.port, host: config.host });
};

await main();
