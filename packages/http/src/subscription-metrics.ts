import { Gauge, type Registry } from 'prom-client';
import { Temporal } from '@meridian/domain';

/** What a checkpointed subscription (a projector, a reactor) tells about itself. */
export interface SubscriptionProgress {
  readonly caughtUp: boolean;
  readonly eventsProcessed: number;
  readonly lastRecordedAt: string | null;
}

/**
 * Registers the metrics of a service's subscription to the store: events processed, whether it has
 * caught up, and its lag in seconds (how long ago the store recorded the last event it applied,
 * while it is behind; 0 once caught up).
 */
export const registerSubscriptionMetrics = (
  registry: Registry,
  prefix: string,
  progress: () => SubscriptionProgress,
  now: () => Temporal.Instant,
): void => {
  new Gauge({
    name: `${prefix}_events_processed_total`,
    help: 'Events of the store applied since the process started',
    registers: [registry],
    collect() {
      this.set(progress().eventsProcessed);
    },
  });
  new Gauge({
    name: `${prefix}_subscription_caught_up`,
    help: '1 when the subscription has delivered everything stored, else 0',
    registers: [registry],
    collect() {
      this.set(progress().caughtUp ? 1 : 0);
    },
  });
  new Gauge({
    name: `${prefix}_subscription_lag_seconds`,
    help: 'While behind: seconds since the store recorded the last event applied; 0 when caught up',
    registers: [registry],
    collect() {
      const { caughtUp, lastRecordedAt } = progress();
      this.set(caughtUp || lastRecordedAt === null ? 0 : now().since(Temporal.Instant.from(lastRecordedAt)).total({ unit: 'seconds' }));
    },
  });
};
