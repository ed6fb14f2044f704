import t from 'tap';
import type { ReleasedSession } from '@meridian/domain';
import { reminderNotice, type Recipient } from '../src/index.ts';
import { FIRST_RELEASE_AT, firstRelease, iso, JOIN_URL, links, meetingCreated, released, sessionAdded, stateOf } from './given.ts';

const reference = stateOf(firstRelease());
const session1 = reference.releases.at(-1)!.sessions.get('s1') as ReleasedSession;

// Sunday 29 March 2026: Europe switches to summer time at 01:00 UTC (Zurich 02:00 → 03:00, London 01:00 → 02:00).
const dstMeeting = stateOf(
  released([meetingCreated(), sessionAdded('dst', 'Session 1: Human rights cities', '2026-03-29T09:00', '2026-03-29T10:00')], FIRST_RELEASE_AT),
);
const dstSession = dstMeeting.releases.at(-1)!.sessions.get('dst') as ReleasedSession;

const remind = (minutesBefore: number, recipient: Recipient, session = session1, meeting = reference) =>
  reminderNotice({ meeting, session, minutesBefore, recipient, links });

t.test('a reminder names the session, how soon, and its start on both clocks', async (t) => {
  const notice = remind(15, { timeZone: 'Asia/Tokyo', locale: 'en-GB' });
  t.equal(notice.subject, 'Session 1: Human rights cities starts in 15 minutes');
  t.equal(
    notice.text,
    [
      'Session 1: Human rights cities starts in 15 minutes — 09:20 CET · 17:20 your time (GMT+9)',
      '',
      'Location: Online (MS Teams)',
      `Join online: ${JOIN_URL}`,
      '',
      'View the agenda: https://meridian.example.org/meetings/m-1/agenda',
      'Unsubscribe: https://meridian.example.org/unsubscribe?token=abc&s=1',
      '',
      'You receive this reminder because you asked for it when you subscribed to notices about Meeting on local government and human rights.',
      '',
    ].join('\n'),
  );
  t.equal(notice.dueAt, '2025-11-26T08:05:00Z');
  t.match(notice.html, '<html lang="en" dir="ltr">');
  t.match(notice.html, `<a href="${JOIN_URL}">Join online</a>`);
});

t.test('a 1440-minute reminder across the EU spring-forward night names the right local times', async (t) => {
  // 09:00 in Zurich on 29 March is 09:00 CEST = 07:00 UTC; the reminder is due 24 elapsed hours before
  const cases: [Recipient, string][] = [
    [{ timeZone: 'Asia/Tokyo', locale: 'en-GB' }, 'Sunday, 29 March 2026, 09:00 CEST · 16:00 your time (GMT+9)'],
    [{ timeZone: 'Europe/London', locale: 'en-GB' }, 'Sunday, 29 March 2026, 09:00 CEST · 08:00 your time (BST)'],
    [{ timeZone: 'America/New_York', locale: 'en-US' }, 'Sunday, March 29, 2026, 9:00 AM GMT+2 · 3:00 AM your time (EDT)'],
    [{ timeZone: 'Europe/Zurich', locale: 'en-GB' }, 'Sunday, 29 March 2026, 09:00 CEST'],
  ];
  for (const [recipient, time] of cases) {
    const notice = remind(1440, recipient, dstSession, dstMeeting);
    t.equal(notice.subject, 'Session 1: Human rights cities starts in 1 day', recipient.timeZone);
    t.match(notice.text, `Session 1: Human rights cities starts in 1 day — ${time}\n`, recipient.timeZone);
    t.equal(notice.dueAt, '2026-03-28T07:00:00Z', `${recipient.timeZone}: due 24 elapsed hours before (08:00 CET the day before)`);
  }
  const data = remind(1440, { timeZone: 'Asia/Tokyo', locale: 'en-GB' }, dstSession, dstMeeting).webhookData;
  t.same(data.session.start, {
    utc: '2026-03-29T07:00:00Z',
    meeting: { local: '2026-03-29T09:00', offset: '+02:00', abbreviation: 'CEST' },
    subscriber: { local: '2026-03-29T16:00', offset: '+09:00', abbreviation: 'GMT+9', timeZone: 'Asia/Tokyo', dayShift: 0 },
  });
  t.match(data, { minutesBefore: 1440, dueAt: '2026-03-28T07:00:00Z', meeting: { id: 'm-1', timeZone: 'Europe/Zurich' }, session: { id: 'dst', joinUrl: JOIN_URL } });
});

t.test('how soon reads in the largest whole unit, with the language’s plural', async (t) => {
  const ru = (minutes: number) => remind(minutes, { timeZone: 'Europe/Moscow', locale: 'ru-RU' }).subject;
  t.equal(ru(21), 'Session 1: Human rights cities: начало через 21 минуту');
  t.equal(ru(90), 'Session 1: Human rights cities: начало через 90 минут');
  t.equal(ru(120), 'Session 1: Human rights cities: начало через 2 часа');
  t.equal(ru(2880), 'Session 1: Human rights cities: начало через 2 дня');
  t.equal(remind(0, { timeZone: 'UTC', locale: 'en' }).subject, 'Session 1: Human rights cities starts now');
});

t.test('each language writes the reminder; Arabic isolates the title and times', async (t) => {
  const at = (locale: string) => remind(15, { timeZone: 'Asia/Tokyo', locale }).text.split('\n')[0];
  t.equal(at('fr-FR'), 'Session 1: Human rights cities\u00a0: début dans 15 minutes — 09:20 UTC+1 · 17:20 dans votre fuseau horaire (UTC+9)');
  t.equal(at('es-ES'), 'Session 1: Human rights cities: comienza en 15 minutos — 9:20 CET · 17:20 en su zona horaria (GMT+9)');
  t.equal(at('zh-CN'), 'Session 1: Human rights cities：15分钟后开始 — GMT+1 09:20 · 您当地时间 17:20（GMT+9）');
  t.equal(
    at('ar'),
    `\u200f${iso('Session 1: Human rights cities')}: البدء بعد 15 دقيقة — ${iso('9:20 ص')} ${iso('غرينتش+1')} · ${iso('5:20 م')} بتوقيتكم المحلي (${iso('غرينتش+9')})`,
  );
  const arabic = remind(2, { timeZone: 'Asia/Tokyo', locale: 'ar' });
  t.equal(arabic.subject, `${iso('Session 1: Human rights cities')}: البدء بعد دقيقتين`);
  t.match(arabic.html, '<html lang="ar" dir="rtl">');
  t.match(arabic.html, '<bdi>Session 1: Human rights cities</bdi>: البدء بعد دقيقتين');
});
