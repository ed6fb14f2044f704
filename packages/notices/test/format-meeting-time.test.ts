import t from 'tap';
import { formatMeetingTime, formatSessionTime } from '../src/index.ts';
import { iso } from './given.ts';

const geneva = (viewerZone: string, locale = 'en-GB') => ({ meetingZone: 'Europe/Zurich', viewerZone, locale });
const THREE_PM_GENEVA = '2025-11-26T14:00:00Z';

t.test('an instant reads on the meeting’s clock, then on the subscriber’s', async (t) => {
  t.equal(formatMeetingTime(THREE_PM_GENEVA, geneva('America/New_York')), '15:00 CET · 09:00 your time (GMT-5)');
  t.equal(formatMeetingTime(THREE_PM_GENEVA, geneva('America/New_York', 'en-US')), '3:00 PM GMT+1 · 9:00 AM your time (EST)');
  t.equal(formatMeetingTime(THREE_PM_GENEVA, geneva('Europe/London')), '15:00 CET · 14:00 your time (GMT)');
});

t.test('the second half is left out when both clocks read the same time at the same offset', async (t) => {
  t.equal(formatMeetingTime(THREE_PM_GENEVA, geneva('Europe/Zurich')), '15:00 CET');
  t.equal(formatMeetingTime(THREE_PM_GENEVA, geneva('Europe/Paris')), '15:00 CET');
});

t.test('a day shift is marked in the subscriber’s half, forward and back', async (t) => {
  t.equal(formatMeetingTime('2025-11-26T16:00:00Z', geneva('Asia/Tokyo')), '17:00 CET · 01:00 your time (GMT+9, +1 day)');
  t.equal(formatMeetingTime('2025-11-26T08:00:00Z', geneva('Pacific/Honolulu')), '09:00 CET · 22:00 your time (GMT-10, −1 day)');
  t.equal(formatMeetingTime('2025-11-26T08:00:00Z', geneva('Pacific/Honolulu', 'ru')), '09:00 GMT+1 · 22:00 по вашему времени (GMT-10, −1 день)');
});

t.test('the meeting’s date leads when asked for', async (t) => {
  t.equal(
    formatMeetingTime(THREE_PM_GENEVA, { ...geneva('America/New_York'), date: true }),
    'Wednesday, 26 November 2025, 15:00 CET · 09:00 your time (GMT-5)',
  );
});

t.test('a session reads from start to end; a shift of one end only is marked on that end', async (t) => {
  t.equal(
    formatSessionTime('2025-11-26T14:30:00Z', '2025-11-26T16:00:00Z', geneva('Asia/Tokyo')),
    '15:30–17:00 CET · 23:30–01:00 (+1 day) your time (GMT+9)',
  );
  t.equal(
    formatSessionTime('2025-11-26T16:30:00Z', '2025-11-26T17:30:00Z', geneva('Asia/Tokyo')),
    '17:30–18:30 CET · 01:30–02:30 your time (GMT+9, +1 day)',
  );
});

t.test('a session past midnight on the meeting’s clock: its end is marked there, and shifts count from the date the line shows', async (t) => {
  // 23:30–01:00 in Geneva on 26 November: 22:30Z to 00:00Z
  t.equal(
    formatSessionTime('2025-11-26T22:30:00Z', '2025-11-27T00:00:00Z', { ...geneva('America/Los_Angeles', 'en-US'), date: true }),
    'Wednesday, November 26, 2025, 11:30 PM–1:00 AM (+1 day) GMT+1 · 2:30 PM–4:00 PM your time (PST)',
    'both Los Angeles times are on the 26th, the date shown',
  );
  t.equal(
    formatSessionTime('2025-11-26T22:30:00Z', '2025-11-27T00:00:00Z', geneva('Asia/Tokyo')),
    '23:30–01:00 (+1 day) CET · 07:30–09:00 your time (GMT+9, +1 day)',
    'both Tokyo times are on the 27th',
  );
  t.equal(formatSessionTime('2025-11-26T22:30:00Z', '2025-11-27T00:00:00Z', geneva('Europe/Zurich')), '23:30–01:00 (+1 day) CET', 'one clock, one mark');
});

t.test('a session across the spring-forward night names each end’s zone', async (t) => {
  // 01:30 CET is 00:30Z; 03:30 CEST is 01:30Z; New York is already on EDT (8 March 2026)
  t.equal(
    formatSessionTime('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', geneva('America/New_York')),
    '01:30 CET–03:30 CEST · 20:30–21:30 your time (GMT-4, −1 day)',
  );
});

t.test('each language words the line, Intl writes the times and zones', async (t) => {
  const newYork = (locale: string) => formatMeetingTime(THREE_PM_GENEVA, geneva('America/New_York', locale));
  t.equal(newYork('fr-CH'), '15:00 UTC+1 · 09:00 dans votre fuseau horaire (UTC−5)');
  t.equal(newYork('es-ES'), '15:00 CET · 9:00 en su zona horaria (GMT-5)');
  t.equal(newYork('zh-CN'), 'GMT+1 15:00 · 您当地时间 09:00（GMT-5）');
  t.equal(newYork('ar'), `${iso('3:00 م')} ${iso('غرينتش+1')} · ${iso('9:00 ص')} بتوقيتكم المحلي (${iso('غرينتش-5')})`);
  t.equal(newYork('de-CH'), '15:00 CET · 09:00 your time (GMT-5)', 'another language reads English, with en-GB formats');
});
