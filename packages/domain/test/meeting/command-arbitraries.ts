import fc from 'fast-check';
import { Temporal, type Disambiguation, type MeetingCommand, type TimeZonePolicy } from '../../src/index.ts';

/**
 * A command as generated: its type and data. The meeting and the context are added when it is
 * played, so that a counterexample prints as the organiser's requests and nothing else.
 */
export type Step = {
  [T in MeetingCommand['type']]: Readonly<{ type: T; data: Extract<MeetingCommand, { type: T }>['data'] }>;
}[MeetingCommand['type']];

// --- times --------------------------------------------------------------------------------

// The nights clocks change in 2026: the meeting's own zone, Zurich, on 29 March and 25 October
// (weighted, with a day either side), London the same nights an hour earlier on the wall clock,
// New York on 8 March and 1 November, Lord Howe (by half an hour) on 5 April and 4 October.
// Sessions added in one zone then meet a gap or a fold of another when the meeting changes zone;
// Tokyo has none, which a change there must survive too.
const day = fc.oneof(
  { arbitrary: fc.constantFrom('2026-03-29', '2026-10-25'), weight: 2 },
  { arbitrary: fc.constantFrom('2026-03-28', '2026-03-30', '2026-10-24', '2026-10-26'), weight: 1 },
  { arbitrary: fc.constantFrom('2026-03-08', '2026-11-01', '2026-04-05', '2026-10-04'), weight: 1 },
);

// Every zone's transition happens between 00:00 and 03:59 local time, most at 02:00: two times in
// five fall there, so that gaps and folds are refused (or resolved by a disambiguation) often.
// Late evening times cross midnight when read in another zone.
const hour = fc.oneof(
  { arbitrary: fc.constant(2), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 1 },
  { arbitrary: fc.constantFrom(9, 10, 14, 22, 23), weight: 3 },
);

/** A wall time as organisers write it, `YYYY-MM-DDTHH:mm`. */
const wallTime = fc
  .record({ day, hour, minute: fc.constantFrom(0, 15, 30, 45) })
  .map(({ day, hour, minute }) => `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);

/**
 * A start and an end as an organiser would type them: the end a few minutes to a few hours later
 * on the wall clock, so that an end past a gap or in a fold is generated as well.
 */
const slot = fc.record({ start: wallTime, minutes: fc.constantFrom(15, 30, 60, 90, 150) }).map(({ start, minutes }) => ({
  start,
  end: Temporal.PlainDateTime.from(start).add({ minutes }).toString({ smallestUnit: 'minute' }),
}));

/** A new time for a session: both ends, or one (the other kept, which may leave it before the start). */
const newTimes = fc.oneof(slot, wallTime.map((start) => ({ start })), wallTime.map((end) => ({ end })));

const disambiguation = fc.constantFrom<Disambiguation>('earlier', 'later');

// --- the meeting's sessions and zones --------------------------------------------------------

// Few ids, so that most commands name a session that exists, and adding one twice is tried too.
const sessionId = fc.constantFrom('s1', 's2', 's3', 's4');
// Few tracks, so that sessions overlap and are refused, or are allowed beside each other.
const track = fc.constantFrom(null, 'A', 'B');
const title = fc.constantFrom('Opening', 'Panel on cities', 'Break');
const speakerId = fc.constantFrom('p1', 'p2', 'p3');
const speaker = speakerId.map((id) => ({ id, name: `Speaker ${id}` }));
// Zones with different rules: DST on other dates (New York), none (Tokyo), a half-hour shift
// (Lord Howe), Zurich's dates an hour apart (London), and the meeting's own to come back to.
const timeZone = fc.constantFrom('Europe/Zurich', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Europe/London');
const policy = fc.constantFrom<TimeZonePolicy>('keep-wall-times', 'keep-instants');
// A location change is a change of every session a participant saw (it is in each calendar event).
const location = fc.constantFrom({ name: 'Palais des Nations, Room XX' }, { name: 'Online (MS Teams)', url: 'https://teams.example/join' });

// --- commands ------------------------------------------------------------------------------

// Speakers come with a session too, so that removing one is often accepted.
const addSession = fc
  .record(
    { sessionId, title, track, slot, disambiguation, speakers: fc.array(speaker, { maxLength: 2 }) },
    { requiredKeys: ['sessionId', 'title', 'track', 'slot'] },
  )
  .map(({ slot, ...data }): Step => ({ type: 'AddSession', data: { ...data, ...slot } }));

const rescheduleSession = fc
  .record({ sessionId, newTimes, disambiguation }, { requiredKeys: ['sessionId', 'newTimes'] })
  .map(({ newTimes, ...data }): Step => ({ type: 'RescheduleSession', data: { ...data, ...newTimes } }));

const changeSessionDetails = fc
  .record({ sessionId, title, track, description: fc.constantFrom(null, 'With interpretation') }, { requiredKeys: ['sessionId'] })
  .map((data): Step => ({ type: 'ChangeSessionDetails', data }));

// Any of a session's fields at once; a speaker list with an id twice is refused.
const reviseSession = fc
  .record(
    { sessionId, title, track, description: fc.constantFrom(null, 'With interpretation'), newTimes, disambiguation, speakers: fc.array(speaker, { maxLength: 3 }) },
    { requiredKeys: ['sessionId'] },
  )
  .map(({ newTimes, ...data }): Step => ({ type: 'ReviseSession', data: { ...data, ...newTimes } }));

const cancelSession = sessionId.map((sessionId): Step => ({ type: 'CancelSession', data: { sessionId } }));
// A zone change while a session was cancelled may leave its times in a gap or a fold: the restore
// must say which reading it means, or be refused.
const restoreSession = fc
  .record({ sessionId, disambiguation }, { requiredKeys: ['sessionId'] })
  .map((data): Step => ({ type: 'RestoreSession', data }));
const assignSpeaker = fc.record({ sessionId, speaker }).map((data): Step => ({ type: 'AssignSpeaker', data }));
const removeSpeaker = fc.record({ sessionId, speakerId }).map((data): Step => ({ type: 'RemoveSpeaker', data }));

const changeTimeZone = fc
  .record({ timeZone, policy, disambiguation }, { requiredKeys: ['timeZone', 'policy'] })
  .map((data): Step => ({ type: 'ChangeTimeZone', data }));

/**
 * A session cancelled, the zone changed keeping wall times, the session restored: the change does
 * not check a cancelled session's times, so the restore must, in a zone where they may fall in a
 * gap or a fold. Three requests at random in a row rarely make this.
 */
const restoredAfterZoneChange = fc
  .record({ sessionId, timeZone, disambiguation }, { requiredKeys: ['sessionId', 'timeZone'] })
  .map(({ sessionId, timeZone, ...restore }): Step[] => [
    { type: 'CancelSession', data: { sessionId } },
    { type: 'ChangeTimeZone', data: { timeZone, policy: 'keep-wall-times' } },
    { type: 'RestoreSession', data: { sessionId, ...restore } },
  ]);

const changeLocation = location.map((location): Step => ({ type: 'ChangeMeetingDetails', data: { location } }));

const RELEASE: Step = { type: 'ReleaseAgenda', data: {} };
const CANCEL_MEETING: Step = { type: 'CancelMeeting', data: { reason: 'Postponed' } };

const alone = (request: fc.Arbitrary<Step>): fc.Arbitrary<Step[]> => request.map((step) => [step]);

/**
 * One organiser request, or a few in a row, weighted so that a history adds several sessions and
 * releases a few times.
 */
const requests = fc.oneof(
  { arbitrary: alone(addSession), weight: 4 },
  { arbitrary: alone(rescheduleSession), weight: 2 },
  { arbitrary: alone(changeSessionDetails), weight: 1 },
  { arbitrary: alone(reviseSession), weight: 2 },
  { arbitrary: alone(cancelSession), weight: 2 },
  { arbitrary: alone(restoreSession), weight: 2 },
  { arbitrary: alone(assignSpeaker), weight: 1 },
  { arbitrary: alone(removeSpeaker), weight: 1 },
  { arbitrary: alone(changeTimeZone), weight: 2 },
  { arbitrary: restoredAfterZoneChange, weight: 1 },
  { arbitrary: alone(changeLocation), weight: 1 },
  { arbitrary: fc.constant([RELEASE]), weight: 3 },
);

/**
 * The organiser's requests to a meeting just created in Europe/Zurich, valid or not. Each ends
 * with a release, so that every history is checked at least once; one in four cancels the meeting
 * before it (a cancelled meeting refuses every later request: earlier, it would cut the history
 * short). Sized to the full 40: the default size keeps arrays near ten items, too few to add
 * sessions, release, change the zone and release again.
 */
export const histories = fc
  .record({
    requests: fc.array(requests, { minLength: 1, maxLength: 40, size: 'max' }),
    end: fc.oneof({ arbitrary: fc.constant([RELEASE]), weight: 3 }, { arbitrary: fc.constant([CANCEL_MEETING, RELEASE]), weight: 1 }),
  })
  .map(({ requests, end }): Step[] => [...requests.flat(), ...end]);
