import t from 'tap';
import { confirmationEmail } from '../src/index.ts';
import { iso, TITLE } from './given.ts';

const urls = {
  confirmUrl: 'https://notify.example.org/subscriptions/sub-1/confirm?token=t0k&x="1"',
  unsubscribeUrl: 'https://notify.example.org/unsubscribe?token=u&s=1',
};

t.test('the double opt-in mail says what was asked for and links the confirmation', async (t) => {
  const email = confirmationEmail({ meetingTitle: TITLE, ...urls, recipient: { timeZone: 'America/Bogota', locale: 'en' } });
  t.equal(email.subject, `Please confirm your subscription: ${TITLE}`);
  t.equal(
    email.text,
    [
      `You asked to receive notices about ${TITLE}: changes to the agenda and reminders, with times in your time zone (America/Bogota).`,
      '',
      `Confirm your subscription: ${urls.confirmUrl}`,
      '',
      'If you did not ask for this, please ignore this message: nothing will be sent without your confirmation.',
      '',
      `Unsubscribe: ${urls.unsubscribeUrl}`,
      '',
    ].join('\n'),
  );
  t.match(email.html, '<a href="https://notify.example.org/subscriptions/sub-1/confirm?token=t0k&amp;x=&quot;1&quot;">Confirm your subscription</a>');
});

t.test('in each language, with Arabic right to left', async (t) => {
  const subject = (locale: string) => confirmationEmail({ meetingTitle: TITLE, ...urls, recipient: { timeZone: 'UTC', locale } }).subject;
  t.equal(subject('es-MX'), `Confirme su suscripción: ${TITLE}`);
  t.equal(subject('ru'), `Подтвердите подписку: ${TITLE}`);
  t.equal(subject('zh-CN'), `请确认订阅：${TITLE}`);
  t.equal(subject('fr-BE'), `Veuillez confirmer votre abonnement\u00a0: ${TITLE}`);
  t.equal(subject('ar-SA'), `يُرجى تأكيد اشتراككم: ${iso(TITLE)}`);
  const arabic = confirmationEmail({ meetingTitle: '<b>x</b>', ...urls, recipient: { timeZone: 'Africa/Cairo', locale: 'ar' } });
  t.match(arabic.html, '<html lang="ar" dir="rtl">');
  t.match(arabic.html, '«<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>»');
  t.match(arabic.html, '(<bdi>Africa/Cairo</bdi>)');
});
