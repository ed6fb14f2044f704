/** meetingSnapshot / meetingFromSnapshot: a meeting restored from JSON folds on as the meeting itself. */
import t from 'tap';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { evolve, meetingFromSnapshot, meetingSnapshot, type ExistingMeeting } from '../../src/index.ts';
import { histories } from './command-arbitraries.ts';
import { play } from './play-history.ts';
import { stateOf } from './given.ts';

const roundTrip = (meeting: ExistingMeeting): ExistingMeeting => meetingFromSnapshot(JSON.parse(JSON.stringify(meetingSnapshot(meeting))));

t.test('restored at any event of a random history, the meeting then folds to the same state', async (t) => {
  fc.assert(
    fc.property(histories, fc.nat(), (steps, cut) => {
      const { events, meeting } = play(steps);
      const at = cut % events.length;
      const restored = roundTrip(stateOf(events.slice(0, at + 1)) as ExistingMeeting);
      const continued = events.slice(at + 1).reduce(evolve, restored) as ExistingMeeting;
      assert.deepStrictEqual(meetingSnapshot(continued), meetingSnapshot(meeting));
      // the maps answer by id as the originals do, releases included
      for (const session of meeting.sessions.values()) assert.deepStrictEqual(continued.sessions.get(session.id), session);
      for (const [index, release] of meeting.releases.entries()) {
        assert.deepStrictEqual([...continued.releases[index]!.sessions.keys()], [...release.sessions.keys()]);
      }
      // a session a release showed unchanged is the object the release before showed, as in the original
      const restoredWhole = roundTrip(meeting);
      for (const [index, release] of meeting.releases.entries()) {
        for (const session of release.sessions.values()) {
          const sharedBefore = meeting.releases[index - 1]?.sessions.get(session.id) === session;
          assert.equal(restoredWhole.releases[index - 1]?.sessions.get(session.id) === restoredWhole.releases[index]!.sessions.get(session.id), sharedBefore);
        }
      }
    }),
    { numRuns: 200 },
  );
  t.pass('no counterexample found');
});

t.test('a snapshot is plain data, the maps written as arrays in their order', async (t) => {
  const { meeting } = play([]);
  const snapshot = meetingSnapshot(meeting);
  t.strictSame(JSON.parse(JSON.stringify(snapshot)), snapshot);
  t.ok(Array.isArray(snapshot.sessions));
});
