/**
 * The event-store contract: one suite, written once, that every adapter runs
 * (`import { eventStoreContract } from '@meridian/event-store/contract'`).
 *
 * Each test uses fresh random stream names and reads the global order from the head it found,
 * so the suite also runs against a shared server that already holds events.
 */
import type { Test } from 'tap';
import { appendContract } from './contract/append.ts';
import { durabilityContract } from './contract/durability.ts';
import { contractContext, type EventStoreContractFactory } from './contract/helpers.ts';
import { readContract } from './contract/read.ts';
import { subscribeContract } from './contract/subscribe.ts';

export type { EventStoreContractFactory } from './contract/helpers.ts';

/**
 * Runs the contract as a subtest `name` of `t` against the adapter that `factory` opens.
 *
 * @example
 * eventStoreContract(t, 'sqlite', { open: async () => openSqliteEventStore({ path }) })
 * //=> a subtest of ~20 tests: appends, reads, subscriptions, durability
 */
export function eventStoreContract(t: Test, name: string, factory: EventStoreContractFactory): Promise<void> {
  const context = contractContext(factory);
  return t.test(name, async (t) => {
    t.test('append', async (t) => appendContract(t, context));
    t.test('read', async (t) => readContract(t, context));
    t.test('subscribe', async (t) => subscribeContract(t, context));
    t.test('durability', async (t) => durabilityContract(t, context));
  }).then(() => undefined);
}
