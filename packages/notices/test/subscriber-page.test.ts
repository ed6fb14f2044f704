import t from 'tap';
import { LANGUAGES, subscriberPage, refusalPage, type SubscriberPageKind } from '../src/index.ts';
import { TITLE } from './given.ts';

const KINDS: readonly SubscriberPageKind[] = ['requested', 'confirm', 'confirmed', 'unsubscribe', 'unsubscribed'];

t.test('each page speaks the subscriber\'s language, and only the asking pages have a button', async (t) => {
  const page = (kind: SubscriberPageKind, locale: string) => subscriberPage({ kind, meetingTitle: TITLE, recipient: { timeZone: 'America/Lima', locale } });
  t.match(page('confirm', 'en'), `<title>Confirm your subscription</title>`);
  t.match(page('confirm', 'en'), `<p>You asked to receive notices about ${TITLE}: changes to the agenda and reminders, with times in your time zone (America/Lima).</p>`);
  t.match(page('confirmed', 'fr-CH'), '<html lang="fr" dir="ltr">');
  t.match(page('confirmed', 'fr-CH'), '<h1>Abonnement confirmé</h1>');
  t.match(page('unsubscribe', 'es-AR'), '<button type="submit" style="font: inherit; padding: 0.5em 1.2em">Cancelar la suscripción</button>');
  t.match(page('unsubscribed', 'ru'), '<h1>Подписка отменена</h1>');
  t.match(page('confirmed', 'zh-CN'), '<html lang="zh-Hans" dir="ltr">');
  t.match(page('confirm', 'de-CH'), '<html lang="en" dir="ltr">', 'a language of none of the six: English');
  for (const language of LANGUAGES) {
    for (const kind of KINDS) {
      t.equal(page(kind, language).includes('<form method="post">'), kind === 'confirm' || kind === 'unsubscribe', `${language} ${kind}`);
    }
  }
});

t.test('in Arabic, right to left, with the meeting\'s title and zone isolated and escaped', async (t) => {
  const html = subscriberPage({ kind: 'confirmed', meetingTitle: '<b>Human rights cities</b>', recipient: { timeZone: 'Africa/Cairo', locale: 'ar-EG' } });
  t.match(html, '<html lang="ar" dir="rtl">');
  t.match(html, '<h1>تم تأكيد الاشتراك</h1>');
  t.match(html, '«<bdi>&lt;b&gt;Human rights cities&lt;/b&gt;</bdi>»');
  t.match(html, '(<bdi>Africa/Cairo</bdi>)');
});

t.test('a refusal page says the problem, escaped', async (t) => {
  const html = refusalPage('Invalid link', 'not valid for <this> subscription');
  t.match(html, '<html lang="en" dir="ltr">');
  t.match(html, '<h1>Invalid link</h1>\n<p>not valid for &lt;this&gt; subscription</p>');
});
