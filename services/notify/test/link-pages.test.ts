import t from 'tap';
import { linkToken } from '@meridian/http';
import { startSystem, createReferenceMeeting } from './support/system.ts';

t.setTimeout(120_000);

const BROWSER = { accept: 'text/html,application/xhtml+xml' };

t.test('the pages of a mail\'s links speak the subscriber\'s language and name the meeting', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const subscribe = async (locale: string, address: string) => {
    const created = await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'Asia/Riyadh', locale, channel: { type: 'email', address } } });
    t.equal(created.statusCode, 201, created.body);
    return (created.json() as { id: string }).id;
  };
  const link = (purpose: 'confirm' | 'unsubscribe', id: string) => `/subscriptions/${id}/${purpose}?token=${linkToken(system.config.secret, purpose, id)}`;

  const arabic = await subscribe('ar', 'rtl@example.org');
  const asked = await system.notify.inject({ method: 'GET', url: link('confirm', arabic), headers: BROWSER });
  t.equal(asked.statusCode, 200);
  t.match(asked.body, '<html lang="ar" dir="rtl">');
  t.match(asked.body, '<h1>تأكيد الاشتراك</h1>');
  t.match(asked.body, /«<bdi>Meeting on local government and human rights[^<]*<\/bdi>»/, 'the meeting named, isolated');
  t.match(asked.body, '(<bdi>Asia/Riyadh</bdi>)');
  const confirmed = await system.notify.inject({ method: 'POST', url: link('confirm', arabic), headers: BROWSER });
  t.equal(confirmed.statusCode, 200);
  t.match(confirmed.body, '<h1>تم تأكيد الاشتراك</h1>');

  const french = await subscribe('fr-CH', 'fr@example.org');
  const unsubscribePage = await system.notify.inject({ method: 'GET', url: link('unsubscribe', french), headers: BROWSER });
  t.match(unsubscribePage.body, '<html lang="fr" dir="ltr">');
  t.match(unsubscribePage.body, '>Se désabonner</button>');
  t.match(unsubscribePage.headers['content-security-policy'], "frame-ancestors 'none'", 'its button in no other site\'s frame');
  t.equal(unsubscribePage.headers['x-content-type-options'], 'nosniff');
  const unsubscribed = await system.notify.inject({ method: 'POST', url: link('unsubscribe', french), headers: BROWSER });
  t.equal(unsubscribed.statusCode, 200);
  t.match(unsubscribed.body, '<h1>Désabonnement effectué</h1>');
  t.equal(system.notify.notify.tables.contacts.get(french), undefined, 'the address is erased');

  const forged = await system.notify.inject({ method: 'GET', url: `/subscriptions/${french}/unsubscribe?token=forged`, headers: BROWSER });
  t.equal(forged.statusCode, 403);
  t.match(forged.body, '<h1>Invalid link</h1>', 'a refusal: the problem, in English as problem documents are');
});
