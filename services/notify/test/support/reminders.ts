import type { Test } from 'tap';
import type { MeetingEvent } from '@meridian/domain';
import { firstRelease, SECOND_RELEASE_AT, stateOf } from '../../../../packages/notices/test/given.ts';
import { createComposer } from '../../src/composer.ts';
import type { ActiveSubscription } from '../../src/db/subscriptions-table.ts';
import { planReminders } from '../../src/reminder-plan.ts';
import { openTestTables } from './tables.ts';

export const GRACE_MS = 600_000;

export const composer = createComposer({
  publicUrl: 'https://notify.test',
  scheduleUrl: 'https://schedule.test',
  secret: 'a-test-secret-of-at-least-32-characters!',
  organizer: { name: 'Meridian', email: 'notices@meridian.test' },
});

/** A webhook subscriber who follows session s2 of the reference meeting, reminded 15 minutes before. */
export const subscriber: ActiveSubscription = {
  exists: true,
  subscriptionId: 'sub-1',
  meetingId: 'm-1',
  channel: 'webhook',
  timeZone: 'UTC',
  locale: 'en',
  reminders: [15],
  sessionIds: ['s2'],
  invitations: false,
  eventTypes: null,
  status: 'active',
};

/**
 * The subscriber's (first) reminder of s2 planned from Rev.1 (as the reactor did then), while the
 * store's meeting is `history`: a later release the reactor has not handled yet, when it differs.
 */
export const givenReminderPlannedFromRev1 = (t: Test, history: readonly MeetingEvent[] = firstRelease(), who: ActiveSubscription = subscriber) => {
  const { db, tables } = openTestTables(t);
  tables.subscriptions.save(who);
  tables.contacts.add({ subscriptionId: who.subscriptionId, address: null, url: 'https://hooks.example.org/alice', secrets: [] }, '2025-11-01T00:00:00.000Z');
  const [planned] = planReminders(who, stateOf(firstRelease()), SECOND_RELEASE_AT.epochMilliseconds, GRACE_MS);
  tables.reminders.add([planned!]);
  const meeting = stateOf(history);
  return { db, tables, planned: planned!, meeting, meetings: { load: async () => meeting } };
};
