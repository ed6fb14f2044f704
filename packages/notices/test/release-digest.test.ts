import t from 'tap';
import { releaseDigest, type Digest } from '../src/index.ts';
import { iso, noticeOf, secondRelease, TITLE } from './given.ts';

const digestFor = (timeZone: string, locale: string): Digest => releaseDigest(noticeOf(secondRelease(), { timeZone, locale }));

/** What a reader must see of the moved Session 2 (15:00–16:30 → 15:30–17:00 Geneva time), written out by hand. */
interface Expected {
  readonly subject: string;
  readonly heading: string;
  readonly time: Record<'Asia/Tokyo' | 'America/New_York' | 'Europe/Zurich', string>;
  readonly previousInTokyo: string;
}

const S2 = 'Session 2: Local action for human rights';
const NBSP = '\u00a0';

const EXPECTED: Record<string, Expected> = {
  'en-GB': {
    subject: `Agenda updated (Rev.2): ${TITLE}`,
    heading: `Moved: ${S2}`,
    time: {
      'Asia/Tokyo': 'Wednesday, 26 November 2025, 15:30–17:00 CET · 23:30–01:00 (+1 day) your time (GMT+9)',
      'America/New_York': 'Wednesday, 26 November 2025, 15:30–17:00 CET · 09:30–11:00 your time (GMT-5)',
      'Europe/Zurich': 'Wednesday, 26 November 2025, 15:30–17:00 CET',
    },
    previousInTokyo: 'Previously: Wednesday, 26 November 2025, 15:00–16:30 CET · 23:00–00:30 (+1 day) your time (GMT+9)',
  },
  'fr-CH': {
    subject: `Ordre du jour mis à jour (Rev.2)${NBSP}: ${TITLE}`,
    heading: `Horaire modifié${NBSP}: ${S2}`,
    time: {
      'Asia/Tokyo': 'mercredi, 26 novembre 2025, 15:30–17:00 UTC+1 · 23:30–01:00 (+1 jour) dans votre fuseau horaire (UTC+9)',
      'America/New_York': 'mercredi, 26 novembre 2025, 15:30–17:00 UTC+1 · 09:30–11:00 dans votre fuseau horaire (UTC−5)',
      'Europe/Zurich': 'mercredi, 26 novembre 2025, 15:30–17:00 UTC+1',
    },
    previousInTokyo: `Horaire précédent${NBSP}: mercredi, 26 novembre 2025, 15:00–16:30 UTC+1 · 23:00–00:30 (+1 jour) dans votre fuseau horaire (UTC+9)`,
  },
  'es-ES': {
    subject: `Programa actualizado (Rev.2): ${TITLE}`,
    heading: `Cambio de horario: ${S2}`,
    time: {
      'Asia/Tokyo': 'miércoles, 26 de noviembre de 2025, 15:30–17:00 CET · 23:30–1:00 (+1 día) en su zona horaria (GMT+9)',
      'America/New_York': 'miércoles, 26 de noviembre de 2025, 15:30–17:00 CET · 9:30–11:00 en su zona horaria (GMT-5)',
      'Europe/Zurich': 'miércoles, 26 de noviembre de 2025, 15:30–17:00 CET',
    },
    previousInTokyo: 'Horario anterior: miércoles, 26 de noviembre de 2025, 15:00–16:30 CET · 23:00–0:30 (+1 día) en su zona horaria (GMT+9)',
  },
  'ru-RU': {
    subject: `Повестка дня обновлена (Rev.2): ${TITLE}`,
    heading: `Перенесено: ${S2}`,
    time: {
      'Asia/Tokyo': 'среда, 26 ноября 2025 г., 15:30–17:00 GMT+1 · 23:30–01:00 (+1 день) по вашему времени (GMT+9)',
      'America/New_York': 'среда, 26 ноября 2025 г., 15:30–17:00 GMT+1 · 09:30–11:00 по вашему времени (GMT-5)',
      'Europe/Zurich': 'среда, 26 ноября 2025 г., 15:30–17:00 GMT+1',
    },
    previousInTokyo: 'Ранее: среда, 26 ноября 2025 г., 15:00–16:30 GMT+1 · 23:00–00:30 (+1 день) по вашему времени (GMT+9)',
  },
  'zh-CN': {
    subject: `议程已更新（Rev.2）：${TITLE}`,
    heading: `时间变更：${S2}`,
    time: {
      'Asia/Tokyo': '2025年11月26日星期三 GMT+1 15:30–17:00 · 您当地时间 23:30–01:00（+1天）（GMT+9）',
      'America/New_York': '2025年11月26日星期三 GMT+1 15:30–17:00 · 您当地时间 09:30–11:00（GMT-5）',
      'Europe/Zurich': '2025年11月26日星期三 GMT+1 15:30–17:00',
    },
    previousInTokyo: '原定时间：2025年11月26日星期三 GMT+1 15:00–16:30 · 您当地时间 23:00–00:30（+1天）（GMT+9）',
  },
  ar: {
    subject: `تحديث جدول الأعمال (${iso('Rev.2')}): ${iso(TITLE)}`,
    heading: `تغيير الموعد: ${iso(S2)}`,
    time: {
      'Asia/Tokyo': `${iso('الأربعاء، 26 نوفمبر 2025')}، ${iso('3:30 م')}–${iso('5:00 م')} ${iso('غرينتش+1')} · ${iso('11:30 م')}–${iso('1:00 ص')} (اليوم التالي) بتوقيتكم المحلي (${iso('غرينتش+9')})`,
      'America/New_York': `${iso('الأربعاء، 26 نوفمبر 2025')}، ${iso('3:30 م')}–${iso('5:00 م')} ${iso('غرينتش+1')} · ${iso('9:30 ص')}–${iso('11:00 ص')} بتوقيتكم المحلي (${iso('غرينتش-5')})`,
      'Europe/Zurich': `${iso('الأربعاء، 26 نوفمبر 2025')}، ${iso('3:30 م')}–${iso('5:00 م')} ${iso('غرينتش+1')}`,
    },
    previousInTokyo: `الموعد السابق: ${iso('الأربعاء، 26 نوفمبر 2025')}، ${iso('3:00 م')}–${iso('4:30 م')} ${iso('غرينتش+1')} · ${iso('11:00 م')}–${iso('12:30 ص')} (اليوم التالي) بتوقيتكم المحلي (${iso('غرينتش+9')})`,
  },
};

for (const [locale, expected] of Object.entries(EXPECTED)) {
  t.test(`${locale}: the moved Session 2 reads on both clocks in Tokyo, New York and Zurich`, async (t) => {
    for (const [zone, time] of Object.entries(expected.time)) {
      const digest = digestFor(zone, locale);
      t.equal(digest.subject, expected.subject, `${zone} subject`);
      t.equal(digest.sessions?.items.length, 1, `${zone}: one item`);
      const [item] = digest.sessions!.items;
      t.match(item, { sessionId: 's2', kind: 'moved' });
      t.equal(item!.heading, expected.heading, `${zone} heading`);
      t.equal(item!.time, time, `${zone} time`);
      t.equal(item!.changedFields, null, `${zone}: no other field changed`);
      if (zone === 'Asia/Tokyo') t.equal(item!.previousTime, expected.previousInTokyo, 'previous time in Tokyo');
    }
  });
}

t.test('the digest says what the release is, how many sessions changed and in which zones times are', async (t) => {
  const digest = digestFor('Asia/Tokyo', 'en-GB');
  t.match(digest, {
    language: 'en',
    locale: 'en-GB',
    lang: 'en',
    dir: 'ltr',
    urgent: false,
    heading: TITLE,
    cancellation: null,
    lead: 'A new version of the agenda has been released (Rev.2, 20 November 2025).',
    summary: '1 session has changed.',
    note: 'Note from the organisers: Session 2 starts half an hour later.',
    zones: 'Times are given in the meeting’s time zone (Europe/Zurich) and in yours (Asia/Tokyo).',
    meetingChanges: null,
    footer: `You receive this message because you subscribed to notices about ${TITLE}.`,
  });
  t.same(
    digest.links.map((link) => link.text),
    [
      'View the agenda: https://meridian.example.org/meetings/m-1/agenda',
      'Calendar feed: webcal://meridian.example.org/meetings/m-1/calendar.ics',
      'Unsubscribe: https://meridian.example.org/unsubscribe?token=abc&s=1',
    ],
  );
  t.equal(digestFor('Europe/Zurich', 'en-GB').zones, 'Times are given in the meeting’s time zone (Europe/Zurich).');
});

t.test('Arabic isolates the Latin title and zone ids; links stay bare, for mail clients to find', async (t) => {
  const digest = digestFor('Asia/Tokyo', 'ar');
  t.equal(digest.dir, 'rtl');
  t.equal(digest.heading, iso(TITLE));
  t.equal(digest.zones, `ترد الأوقات بحسب المنطقة الزمنية للاجتماع (${iso('Europe/Zurich')}) وبحسب منطقتكم الزمنية (${iso('Asia/Tokyo')}).`);
  t.equal(digest.links[0]?.text, 'الاطلاع على جدول الأعمال: https://meridian.example.org/meetings/m-1/agenda');
  t.equal(digest.summary, 'تغيّرت جلسة واحدة.');
});
