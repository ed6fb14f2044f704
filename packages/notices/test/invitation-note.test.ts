import t from 'tap';
import { Temporal, type ReleasedSession } from '@meridian/domain';
import { invitationNote } from '../src/index.ts';
import { decided, iso, secondRelease, stateOf, TITLE } from './given.ts';

const meeting = stateOf(secondRelease());
const session2 = meeting.releases.at(-1)!.sessions.get('s2') as ReleasedSession;

t.test('a REQUEST says what happened, when on both clocks, and what the attachment does', async (t) => {
  t.same(invitationNote({ meeting, session: session2, kind: 'moved', recipient: { timeZone: 'America/New_York', locale: 'en-US' } }), {
    subject: 'Moved: Session 2: Local action for human rights',
    text: [
      `Session 2: Local action for human rights (${TITLE}) has moved to a new time.`,
      'Wednesday, November 26, 2025, 3:30 PM–5:00 PM GMT+1 · 9:30 AM–11:00 AM your time (EST)',
      'The attached invitation updates your calendar.',
      '',
    ].join('\n'),
  });
});

t.test('a CANCEL says the session is cancelled and when it was', async (t) => {
  const cancelled = stateOf(decided(secondRelease(), 'CancelSession', { sessionId: 's2' }, Temporal.Instant.from('2025-11-21T08:00:00Z')));
  const note = invitationNote({ meeting: cancelled, session: session2, kind: 'cancelled', recipient: { timeZone: 'Europe/Madrid', locale: 'es-ES' } });
  t.same(note, {
    subject: 'Sesión cancelada: Session 2: Local action for human rights',
    text: [
      `Se ha cancelado la sesión «Session 2: Local action for human rights» (${TITLE}).`,
      'Horario previsto: miércoles, 26 de noviembre de 2025, 15:30–17:00 CET',
      'El mensaje adjunto elimina esta sesión de su calendario.',
      '',
    ].join('\n'),
  });
});

t.test('Arabic lines start right to left and isolate the Latin names', async (t) => {
  const note = invitationNote({ meeting, session: session2, kind: 'added', recipient: { timeZone: 'Asia/Riyadh', locale: 'ar-SA' } });
  const [first] = note.text.split('\n');
  t.equal(first, `\u200fندعوكم إلى حضور «${iso('Session 2: Local action for human rights')}» (${iso(TITLE)}).`);
  t.equal(note.subject, `جلسة جديدة: ${iso('Session 2: Local action for human rights')}`);
});

t.test('a CANCEL of a session the subscriber stopped following says it leaves their calendar, not that it is cancelled', async (t) => {
  t.same(invitationNote({ meeting, session: session2, kind: 'unfollowed', recipient: { timeZone: 'Europe/Paris', locale: 'fr-FR' } }), {
    subject: 'Retirée de votre calendrier\u00a0: Session 2: Local action for human rights',
    text: [
      `La séance «\u00a0Session 2: Local action for human rights\u00a0» (${TITLE}) quitte votre calendrier, comme vous l’avez demandé\u00a0; elle n’est pas annulée pour autant.`,
      'mercredi 26 novembre 2025, 15:30–17:00 UTC+1',
      'Le message joint retire cette séance de votre calendrier.',
      '',
    ].join('\n'),
  });
  for (const locale of ['ar', 'zh', 'en', 'ru', 'es']) {
    const note = invitationNote({ meeting, session: session2, kind: 'unfollowed', recipient: { timeZone: 'Asia/Tokyo', locale } });
    t.match(note.text, 'Session 2: Local action for human rights', `${locale}: names the session`);
    t.notMatch(note.text, /\{|\}/, `${locale}: every placeholder filled`);
  }
});
