import t, { type Test } from 'tap';
import type { ParsedMail } from 'mailparser';
import { subscriptionStream } from '@meridian/domain';
import { loadSubscription } from '../src/subscription-commands.ts';
import { startSystem, createReferenceMeeting, OHCHR_TOKEN, type TestSystem } from './support/system.ts';

t.setTimeout(120_000);

const CONFIRM_LINK = /https:\/\/notify\.meridian\.test(\/subscriptions\/[^\s"<>]+\/confirm\?token=[A-Za-z0-9_-]+)/;

/** Subscribes an address and confirms it through the link of its confirmation mail; answers the subscription id. */
const subscribeConfirmed = async (t: Test, system: TestSystem, meetingId: string, address: string, locale: string): Promise<string> => {
  const mailsBefore = system.smtp.mails.length;
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'Asia/Tokyo', locale, channel: { type: 'email', address } },
  });
  t.equal(created.statusCode, 201, created.body);
  const mails = await system.smtp.waitFor(mailsBefore + 1);
  const link = CONFIRM_LINK.exec(mails.at(-1)!.text ?? '')?.[1];
  const confirmed = await system.notify.inject({ method: 'POST', url: link! });
  t.equal(confirmed.statusCode, 200, confirmed.body.slice(0, 300));
  return created.json().id as string;
};

const release = async (system: TestSystem, meetingId: string, title: string) => {
  await system.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${meetingId}/sessions/session-1`, payload: { title } });
  await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} });
};

const digestsTo = (mails: readonly ParsedMail[], title: string) => mails.filter((mail) => (mail.text ?? '').includes(title));

t.test('an address that confirms a new subscription to a meeting ends its older one: one notice per release, not two', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const first = await subscribeConfirmed(t, system, meetingId, 'participant@example.org', 'en');
  const colleague = await subscribeConfirmed(t, system, meetingId, 'colleague@example.org', 'en');
  // The participant subscribes again, for another language, writing the address differently.
  const second = await subscribeConfirmed(t, system, meetingId, 'Participant@Example.org', 'fr');

  const { store } = system;
  const { notify } = system.notify;
  t.match(await loadSubscription(store, first), { status: 'ended' }, 'the older subscription ended');
  const ended = (await store.readStream(subscriptionStream(first))).at(-1);
  t.match(ended, { type: 'SubscriptionEnded', data: { reason: 'superseded' } });
  t.equal(notify.tables.contacts.get(first), undefined, 'and its address is erased');
  t.match(await loadSubscription(store, second), { status: 'active' });
  t.match(await loadSubscription(store, colleague), { status: 'active' }, 'another address keeps its subscription');

  await release(system, meetingId, 'Session 1: Human rights cities in practice');
  await system.smtp.waitFor(5);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const digests = digestsTo(system.smtp.mails, 'Human rights cities in practice');
  // (the domain of an address is kept in lower case; its local part as written)
  const recipient = (mail: ParsedMail) => system.smtp.envelopes[system.smtp.mails.indexOf(mail)]![0];
  t.same(digests.map(recipient).sort(), ['Participant@example.org', 'colleague@example.org']);
  t.match(digests.find((mail) => recipient(mail) === 'Participant@example.org')!.html, /lang="fr"/, 'in the newer subscription\'s language');
});

t.test('a link that can no longer do what it says shows a browser a page saying why', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'Asia/Tokyo', locale: 'en', channel: { type: 'email', address: 'participant@example.org' } },
  });
  const link = CONFIRM_LINK.exec((await system.smtp.waitFor(1))[0]!.text ?? '')?.[1];
  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  const forged = await system.notify.inject({ method: 'POST', url: link!.replace(/token=.*/, 'token=forged'), headers: browser });
  t.equal(forged.statusCode, 403);
  t.match(forged.headers['content-type'], /^text\/html/);
  t.match(forged.body, /<h1>Invalid link<\/h1>/);

  t.equal((await system.notify.inject({ method: 'POST', url: link! })).statusCode, 200);
  const { manageToken } = created.json() as { manageToken: string };
  const deleted = await system.notify.inject({ method: 'DELETE', url: `/subscriptions/${created.json().id}`, headers: { authorization: `Bearer ${manageToken}` } });
  t.equal(deleted.statusCode, 204);
  const ended = await system.notify.inject({ method: 'POST', url: link!, headers: browser });
  t.equal(ended.statusCode, 409);
  t.match(ended.headers['content-type'], /^text\/html/);
  t.match(ended.body, /<h1>Subscription ended<\/h1>/);
  const script = await system.notify.inject({ method: 'POST', url: link! });
  t.equal(script.statusCode, 409);
  t.match(script.json(), { code: 'subscription-ended' }, 'anything but a browser gets the problem document');
});
