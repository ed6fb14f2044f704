import t from 'tap';
import { projectAgenda, validateLocale, validateTimeZone, type ExistingMeeting } from '../../src/index.ts';
import { meetingCreated, opening, released, session1, sessionAdded, stateOf } from '../meeting/given.ts';

const session2 = sessionAdded('s2', '2025-11-26T15:00', '2025-11-26T16:45');
const closing = sessionAdded('closing', '2025-11-26T16:45', '2025-11-26T17:00', { kind: 'closing' });
const meeting = stateOf(released([meetingCreated, closing, session2, session1, opening])) as ExistingMeeting;
const agendaIn = (viewerZone: string, locale = 'en-GB') => projectAgenda(meeting, meeting.releases[0]!, { viewerZone, locale });

t.test('sessions come in start order with the pinned time shape', async (t) => {
  const agenda = agendaIn('Europe/Zurich');
  t.same(agenda.sessions.map((session) => session.id), ['opening', 's1', 's2', 'closing']);
  t.same(agenda.sessions[1]!.start, {
    instant: '2025-11-26T08:20:00Z',
    meeting: '2025-11-26T09:20',
    meetingOffset: '+01:00',
    local: '2025-11-26T09:20',
    offset: '+01:00',
    abbreviation: 'CET',
    dayShift: 0,
    text: agenda.sessions[1]!.start.text,
  });
  t.equal(agenda.sessions[1]!.durationMinutes, 100);
  t.match(agenda, { version: 1, label: 'Rev.1', timeZone: 'Europe/Zurich', meeting: { id: 'm-1', timeZone: 'Europe/Zurich', cancelled: false } });
});

t.test('in New York the morning session is before dawn; in Tokyo the afternoon is the next day', async (t) => {
  const newYork = agendaIn('America/New_York', 'en-US');
  t.match(newYork.sessions[0]!.start, { local: '2025-11-26T03:00', offset: '-05:00', abbreviation: 'EST', dayShift: 0 });
  const tokyo = agendaIn('Asia/Tokyo');
  t.match(tokyo.sessions[2]!.start, { local: '2025-11-26T23:00', offset: '+09:00', dayShift: 0 });
  t.match(tokyo.sessions[3]!.end, { local: '2025-11-27T01:00', dayShift: 1 });
  t.match(agendaIn('Pacific/Pago_Pago').sessions[0]!.start, { local: '2025-11-25T21:00', offset: '-11:00', dayShift: -1 });
});

t.test('localized strings come from Intl in the viewer locale', async (t) => {
  t.equal(agendaIn('Asia/Tokyo', 'fr').sessions[0]!.start.text.time, '17:00');
  t.match(agendaIn('Asia/Tokyo', 'fr').sessions[0]!.start.text.date, /mercredi 26 novembre 2025/);
  t.match(agendaIn('Europe/Zurich', 'ar').sessions[0]!.start.text.date, /نوفمبر/);
});

t.test('a session spanning a DST change has its true duration', async (t) => {
  const night = sessionAdded('night', '2026-10-25T01:00', '2026-10-25T04:00');
  const dst = stateOf(released([meetingCreated, night])) as ExistingMeeting;
  const agenda = projectAgenda(dst, dst.releases[0]!, { viewerZone: 'UTC', locale: 'en' });
  t.equal(agenda.sessions[0]!.durationMinutes, 240, 'three wall-clock hours, four real ones');
});

t.test('zones and locales are validated as given', async (t) => {
  t.equal(validateTimeZone('Asia/Calcutta'), 'Asia/Calcutta', 'an alias is kept, not replaced');
  t.equal(validateTimeZone('Europe/Kiev'), 'Europe/Kiev');
  t.equal(validateTimeZone('UTC'), 'UTC');
  t.equal(validateTimeZone('america/new_york'), 'America/New_York');
  t.throws(() => validateTimeZone('EST'), { code: 'unknown-time-zone' });
  t.throws(() => validateTimeZone('GMT'), { code: 'unknown-time-zone' });
  for (const link of ['Japan', 'Singapore', 'GB', 'Iceland']) t.equal(validateTimeZone(link), link, `${link}: a link to a place is a zone`);
  for (const notAPlace of ['CET', 'EST5EDT', 'Zulu', 'cet']) t.throws(() => validateTimeZone(notAPlace), { code: 'unknown-time-zone' }, notAPlace);
  t.throws(() => validateTimeZone('Etc/GMT-1'), { code: 'unknown-time-zone', details: { suggestions: ['Europe/Paris', 'Europe/Zurich', 'Europe/Brussels', 'Europe/Berlin', 'Europe/London'] } }, 'Etc/GMT-1 is UTC+1: zones at +01:00 are suggested');
  t.equal(validateLocale('en-gb'), 'en-GB');
  t.equal(validateLocale('ar'), 'ar');
  t.throws(() => validateLocale('not a locale'), { code: 'unknown-locale' });
  t.throws(() => validateLocale('xx-ZZ'), { code: 'unknown-locale' });
  for (const real of ['es-419', 'zh-Hant-TW', 'sr-Latn-RS', 'fr-CH', 'en-001']) t.equal(validateLocale(real), real, `${real}: a region and a script CLDR knows`);
  // the runtime would format these as plain `en`, a guess the participant did not ask for
  for (const unknown of ['en-XX', 'en-AA', 'en-Xxxx', 'fr-999', 'en-ZZ', 'en-Zzzz']) t.throws(() => validateLocale(unknown), { code: 'unknown-locale' }, unknown);
});
