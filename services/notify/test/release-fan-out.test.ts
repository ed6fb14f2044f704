import t from 'tap';
import { linkToken } from '@meridian/http';
import { releaseDigest, releaseWebhookData, renderDigestEmail } from '@meridian/notices';
import { changesConcerning } from '@meridian/domain';
import { secondRelease, stateOf } from '../../../packages/notices/test/given.ts';
import { createComposer } from '../src/composer.ts';
import type { ActiveSubscription } from '../src/db/subscriptions-table.ts';
import type { StoredMessage } from '../src/db/outbox.ts';
import { fillTemplate } from '../src/message-template.ts';

const options = { publicUrl: 'https://notify.example.org', scheduleUrl: 'https://meridian.example.org', secret: 'a-test-secret-of-at-least-32-characters!', organizer: { name: 'Meridian', email: 'notices@example.org' } };
const meeting = stateOf(secondRelease());
const release = meeting.releases.at(-1)!;

const subscriber = (subscriptionId: string, channel: 'email' | 'webhook', locale: string): ActiveSubscription => ({
  exists: true,
  subscriptionId,
  meetingId: meeting.id,
  channel,
  timeZone: 'Asia/Tokyo',
  locale,
  reminders: [15],
  sessionIds: null,
  invitations: false,
  eventTypes: null,
  status: 'active',
});

/** The message as rendered for this one subscriber alone, the way a notice is rendered without a template. */
const renderedAlone = (subscription: ActiveSubscription) => {
  const { subscriptionId } = subscription;
  const input = {
    meeting,
    release,
    changes: changesConcerning(release.changes, subscription)!,
    recipient: { timeZone: subscription.timeZone, locale: subscription.locale },
    links: {
      page: `${options.scheduleUrl}/m/${meeting.id}?tz=${encodeURIComponent(subscription.timeZone)}&lang=${subscription.locale}`,
      feed: `${options.scheduleUrl}/meetings/${meeting.id}/calendar.ics`,
      unsubscribe: `${options.publicUrl}/subscriptions/${subscriptionId}/unsubscribe?token=${linkToken(options.secret, 'unsubscribe', subscriptionId)}`,
    },
  };
  if (subscription.channel === 'webhook') return { channel: 'webhook', type: 'agenda.released', timestamp: release.releasedAt, data: releaseWebhookData(input) };
  const { subject, text, html } = renderDigestEmail(releaseDigest(input));
  return { channel: 'email', subject, text, html, listUnsubscribe: input.links.unsubscribe, icalEvent: null };
};

const jsonOf = (stored: StoredMessage): string => ('template' in stored ? fillTemplate(stored.template.parts, stored.fill) : stored.json);

t.test('a release is rendered once per zone and language, and each subscriber gets the bytes a rendering of their own gives', async (t) => {
  for (const channel of ['webhook', 'email'] as const) {
    for (const locale of ['en', 'fr', 'es', 'ar', 'zh', 'ru']) {
      const fanOut = createComposer(options).releaseFanOut(meeting, release);
      const [first] = fanOut(subscriber(`first-${locale}`, channel, locale), { subscriptionId: `first-${locale}`, address: 'a@example.org', url: 'https://hooks.example.org/a', secrets: [] });
      const second = subscriber(`second-${locale}`, channel, locale);
      const [notice] = fanOut(second, { subscriptionId: second.subscriptionId, address: 'b@example.org', url: 'https://hooks.example.org/b', secrets: [] });
      t.ok(first !== undefined && notice !== undefined && 'template' in first.stored && 'template' in notice.stored, `${channel} ${locale}: from a template`);
      if (first === undefined || notice === undefined || !('template' in first.stored) || !('template' in notice.stored)) continue;
      t.equal(notice.stored.template, first.stored.template, `${channel} ${locale}: one template for both`);
      t.equal(jsonOf(notice.stored), JSON.stringify(renderedAlone(second)), `${channel} ${locale}: the same bytes`);
      t.not(notice.id, first.id, 'ids are per subscriber');
    }
  }
});

t.test('an unsubscribe link that a renderer would escape is rendered for its subscriber alone', async (t) => {
  const fanOut = createComposer({ ...options, publicUrl: 'https://notify.example.org/?tenant=a&b' }).releaseFanOut(meeting, release);
  const [notice] = fanOut(subscriber('s-1', 'email', 'en'), { subscriptionId: 's-1', address: 'a@example.org', url: null, secrets: [] });
  t.ok(notice !== undefined && 'json' in notice.stored);
  t.match(notice === undefined ? '' : jsonOf(notice.stored), 'tenant=a&amp;b', 'escaped in the HTML');
});
