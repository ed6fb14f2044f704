/** The Meridian domain: meetings as a pure decider, and the time rules. No I/O, no clock. */
export * from './errors.ts';
export { Temporal } from './time/temporal.ts';
export * from './time/time-zone.ts';
export * from './time/locale.ts';
export * from './time/local-time.ts';
export * from './time/projection.ts';
export * from './meeting/types.ts';
export * from './meeting/events.ts';
export * from './meeting/commands.ts';
export * from './meeting/release-changes.ts';
export { decide } from './meeting/decide.ts';
export { evolve, initialState, assertNever } from './meeting/evolve.ts';
export { diffDraft, timesOf } from './meeting/release-diff.ts';
export { LIMITS } from './meeting/validation.ts';
export * from './agenda/project-agenda.ts';
export * from './personal-feed/personal-feed.ts';
export * from './subscription/events.ts';
export * from './subscription/concerns.ts';
