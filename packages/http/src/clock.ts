import { Temporal } from '@meridian/domain';

/** The service's one clock. Tests drive their own; that is dependency injection, not a mock. */
export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };
