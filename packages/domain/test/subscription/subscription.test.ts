import t from 'tap';
import { command, confirmed, emailRequested, ended, given, SUBSCRIPTION_ID, webhookRequested } from './given.ts';

t.test('RequestSubscription', async (t) => {
  t.test('an e-mail subscription waits for its confirmation, with the default preferences', async (t) => {
    given(t, []).when(command('RequestSubscription', { meetingId: 'm-1', channel: 'email' })).then([emailRequested]);
  });

  t.test('keeps the preferences as given, normalised: canonical locale, reminders latest first, each id once', async (t) => {
    given(t, [])
      .when(
        command('RequestSubscription', {
          meetingId: 'm-1',
          channel: 'email',
          timeZone: 'Europe/Zurich',
          locale: 'de-ch',
          reminders: [15, 60, 15],
          sessionIds: ['s1', 's2', 's1'],
          invitations: true,
        }),
      )
      .then([
        {
          type: 'SubscriptionRequested',
          data: {
            subscriptionId: SUBSCRIPTION_ID,
            meetingId: 'm-1',
            channel: 'email',
            timeZone: 'Europe/Zurich',
            locale: 'de-CH',
            reminders: [60, 15],
            sessionIds: ['s1', 's2'],
            invitations: true,
            eventTypes: null,
            requestedAt: '2025-11-01T10:00:00Z',
          },
        },
      ]);
  });

  t.test('refuses event types on an e-mail subscription, which receives every notice', async (t) => {
    given(t, [])
      .when(command('RequestSubscription', { meetingId: 'm-1', channel: 'email', eventTypes: ['agenda.released'] }))
      .thenFails('invalid-input', { field: 'eventTypes' });
    given(t, []).when(command('RequestSubscription', { meetingId: 'm-1', channel: 'email', eventTypes: [] })).thenFails('invalid-input', { field: 'eventTypes' });
    given(t, []).when(command('RequestSubscription', { meetingId: 'm-1', channel: 'email', eventTypes: null })).then([emailRequested]);
  });

  t.test('a webhook subscription is confirmed at once, and refuses invitations, which are e-mail\'s', async (t) => {
    given(t, [])
      .when(command('RequestSubscription', { meetingId: 'm-1', channel: 'webhook', invitations: true }))
      .thenFails('invalid-input', { field: 'invitations' });
    given(t, [])
      .when(command('RequestSubscription', { meetingId: 'm-1', channel: 'webhook', invitations: false, eventTypes: ['session.added', 'session.added'] }))
      .then([
        {
          type: 'SubscriptionRequested',
          data: {
            subscriptionId: SUBSCRIPTION_ID,
            meetingId: 'm-1',
            channel: 'webhook',
            timeZone: 'UTC',
            locale: 'en',
            reminders: [1440, 15],
            sessionIds: null,
            invitations: false,
            eventTypes: ['session.added'],
            requestedAt: '2025-11-01T10:00:00Z',
          },
        },
        { type: 'SubscriptionConfirmed', data: { subscriptionId: SUBSCRIPTION_ID, confirmedAt: '2025-11-01T10:00:00Z' } },
      ]);
  });

  t.test('a subscription that exists, live or ended, is not requested again', async (t) => {
    const again = command('RequestSubscription', { meetingId: 'm-1', channel: 'email', locale: 'fr' });
    given(t, [emailRequested]).when(again).then([]);
    given(t, [emailRequested, confirmed]).when(again).then([]);
    given(t, [emailRequested, ended]).when(again).then([]);
  });

  t.test('refuses invalid preferences', async (t) => {
    given(t, []).when(command('RequestSubscription', { meetingId: 'm-1', channel: 'email', reminders: [0] })).thenFails('invalid-input', { field: 'reminders' });
    given(t, []).when(command('RequestSubscription', { meetingId: 'm-1', channel: 'email', timeZone: 'CET' })).thenFails('unknown-time-zone', { value: 'CET' });
  });
});

t.test('ConfirmSubscription', async (t) => {
  const confirm = command('ConfirmSubscription', {});

  t.test('confirms a pending subscription', async (t) => {
    given(t, [emailRequested]).when(confirm).then([confirmed]);
  });

  t.test('confirming again changes nothing', async (t) => {
    given(t, [emailRequested, confirmed]).when(confirm).then([]);
    given(t, [webhookRequested, confirmed]).when(confirm).then([]);
  });

  t.test('refuses an ended subscription and one that does not exist', async (t) => {
    given(t, [emailRequested, confirmed, ended]).when(confirm).thenFails('subscription-ended', { subscriptionId: SUBSCRIPTION_ID });
    given(t, [emailRequested, ended]).when(confirm).thenFails('subscription-ended', { subscriptionId: SUBSCRIPTION_ID });
    given(t, []).when(confirm).thenFails('subscription-not-found', { subscriptionId: SUBSCRIPTION_ID });
  });
});

t.test('ChangePreferences', async (t) => {
  const change = (preferences: Record<string, unknown>) => command('ChangePreferences', preferences);

  t.test('records only the fields that change, normalised', async (t) => {
    given(t, [emailRequested, confirmed])
      .when(change({ timeZone: 'UTC', locale: 'fr-ch', reminders: [15, 1440], sessionIds: ['s2'], eventTypes: null }))
      .then([{ type: 'SubscriptionPreferencesChanged', data: { subscriptionId: SUBSCRIPTION_ID, locale: 'fr-CH', sessionIds: ['s2'] } }]);
  });

  t.test('a pending subscription may change its preferences before it is confirmed', async (t) => {
    given(t, [emailRequested])
      .when(change({ invitations: true, reminders: [] }))
      .then([{ type: 'SubscriptionPreferencesChanged', data: { subscriptionId: SUBSCRIPTION_ID, reminders: [], invitations: true } }]);
  });

  t.test('null follows every session again', async (t) => {
    const followingS2 = { type: 'SubscriptionPreferencesChanged', data: { subscriptionId: SUBSCRIPTION_ID, sessionIds: ['s2'] } } as const;
    given(t, [emailRequested, confirmed, followingS2])
      .when(change({ sessionIds: null }))
      .then([{ type: 'SubscriptionPreferencesChanged', data: { subscriptionId: SUBSCRIPTION_ID, sessionIds: null } }]);
  });

  t.test('nothing new changes nothing', async (t) => {
    given(t, [emailRequested, confirmed]).when(change({ locale: 'en', reminders: [15, 1440, 15] })).then([]);
    given(t, [emailRequested, confirmed]).when(change({})).then([]);
  });

  t.test('refuses reminders: more than five, not whole minutes, or outside 1 minute to 7 days', async (t) => {
    for (const reminders of [[10, 20, 30, 40, 50, 60], [0], [-15], [1.5], [10_081]]) {
      given(t, [emailRequested, confirmed]).when(change({ reminders })).thenFails('invalid-input', { field: 'reminders' });
    }
    given(t, [emailRequested, confirmed])
      .when(change({ reminders: [1, 10_080, 1] }))
      .then([{ type: 'SubscriptionPreferencesChanged', data: { subscriptionId: SUBSCRIPTION_ID, reminders: [10_080, 1] } }]);
  });

  t.test('refuses an unknown webhook event type, an abbreviation as zone and an unknown locale', async (t) => {
    given(t, [webhookRequested, confirmed]).when(change({ eventTypes: ['x'] })).thenFails('invalid-input', { field: 'eventTypes' });
    given(t, [emailRequested, confirmed]).when(change({ timeZone: 'CET' })).thenFails('unknown-time-zone', { value: 'CET' });
    given(t, [emailRequested, confirmed]).when(change({ locale: 'xx-ZZ' })).thenFails('unknown-locale', { value: 'xx-ZZ' });
  });

  t.test('refuses an ended subscription and one that does not exist', async (t) => {
    given(t, [emailRequested, confirmed, ended]).when(change({ locale: 'fr' })).thenFails('subscription-ended');
    given(t, []).when(change({ locale: 'fr' })).thenFails('subscription-not-found', { subscriptionId: SUBSCRIPTION_ID });
  });

  t.test('refuses event types on an e-mail subscription', async (t) => {
    given(t, [emailRequested, confirmed]).when(change({ eventTypes: ['reminder.due'] })).thenFails('invalid-input', { field: 'eventTypes' });
  });

  t.test('a webhook subscription refuses invitations, and keeps them off', async (t) => {
    given(t, [webhookRequested, confirmed]).when(change({ invitations: true })).thenFails('invalid-input', { field: 'invitations' });
    given(t, [webhookRequested, confirmed]).when(change({ invitations: false })).then([]);
  });
});

t.test('EndSubscription', async (t) => {
  const end = command('EndSubscription', { reason: 'endpoint-gone' });

  t.test('ends a subscription, pending or active, with its reason', async (t) => {
    const endedEvent = { type: 'SubscriptionEnded', data: { subscriptionId: SUBSCRIPTION_ID, reason: 'endpoint-gone', endedAt: '2025-11-01T10:00:00Z' } } as const;
    given(t, [webhookRequested, confirmed]).when(end).then([endedEvent]);
    given(t, [emailRequested]).when(end).then([endedEvent]);
  });

  t.test('ending again changes nothing', async (t) => {
    given(t, [emailRequested, confirmed, ended]).when(end).then([]);
  });

  t.test('refuses a subscription that does not exist', async (t) => {
    given(t, []).when(end).thenFails('subscription-not-found', { subscriptionId: SUBSCRIPTION_ID });
  });
});
