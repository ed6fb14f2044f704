import t from 'tap';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { instantOf, type ExistingMeeting, type ReleasedSession } from '../../src/index.ts';
import { resolveTimes } from '../../src/meeting/schedule-rules.ts';
import { histories, type Step } from './command-arbitraries.ts';
import { play } from './play-history.ts';
import { stateOf } from './given.ts';

// Random histories of organiser requests, played through the real decide and evolve, and checked
// at each release or after each accepted request. 300 histories of up to 40 generated requests
// (some come in threes) per property: about 4 s for the file (plus tap's start) on a 2-core machine.
//
// A failure prints the seed and path of its shrunk counterexample; replay exactly that history:
//   FC_SEED=<seed> FC_PATH=<path> npx tap test/meeting/release-properties.test.ts
const parameters: fc.Parameters<[readonly Step[]]> = {
  numRuns: 300,
  ...(process.env['FC_SEED'] !== undefined && { seed: Number(process.env['FC_SEED']), path: process.env['FC_PATH'] }),
};

/** Runs a property as one tap test: fast-check shrinks a failure and throws it with its seed. */
const holds = (name: string, check: (steps: readonly Step[]) => void): void => {
  t.test(name, async (t) => {
    fc.assert(fc.property(histories, check), parameters);
    t.pass('no counterexample found');
  });
};

const instantsOf = (session: Pick<ReleasedSession, 'start' | 'end'>, timeZone: string): string =>
  `${instantOf(session.start, timeZone).toString()} – ${instantOf(session.end, timeZone).toString()}`;

holds('1. a release shows every scheduled session at the instants the draft gives it', (steps) => {
  play(steps, {
    afterRelease: ({ draft, release }) => {
      for (const shown of release.sessions.values()) {
        const session = draft.sessions.get(shown.id)!;
        if (session.status !== 'scheduled') continue;
        assert.equal(
          instantsOf(shown, release.details.timeZone),
          instantsOf(session, draft.details.timeZone),
          `v${release.version} shows ${shown.id} (${shown.start.local}–${shown.end.local} in ${release.details.timeZone}) at the draft's instants`,
        );
      }
    },
  });
});

holds('2. a session\'s SEQUENCE never decreases, and rises exactly when the release lists it', (steps) => {
  play(steps, {
    afterRelease: ({ release, previous }) => {
      const listed = new Map(release.changes.sessions.map((change) => [change.sessionId, change]));
      for (const id of previous?.sessions.keys() ?? []) {
        assert.ok(release.sessions.has(id), `v${release.version} still shows ${id}, shown in v${previous!.version}`);
      }
      for (const id of listed.keys()) assert.ok(release.sessions.has(id), `v${release.version} shows ${id}, which it lists`);
      for (const shown of release.sessions.values()) {
        const before = previous?.sessions.get(shown.id);
        const change = listed.get(shown.id);
        const where = `v${release.version}, ${shown.id}`;
        if (before === undefined) {
          assert.ok(change !== undefined, `${where}: a session shown for the first time is listed`);
        } else {
          assert.ok(shown.sequence >= before.sequence, `${where}: SEQUENCE ${before.sequence} → ${shown.sequence} never decreases`);
          assert.equal(shown.sequence > before.sequence, change !== undefined, `${where}: SEQUENCE ${before.sequence} → ${shown.sequence} rises iff listed`);
        }
        if (change !== undefined) assert.equal(shown.sequence, change.sequence, `${where}: SEQUENCE is the listed one`);
      }
    },
  });
});

holds('3. a session cancelled in the draft is never shown as scheduled', (steps) => {
  play(steps, {
    afterRelease: ({ draft, release }) => {
      for (const session of draft.sessions.values()) {
        if (session.status !== 'cancelled') continue;
        const shown = release.sessions.get(session.id);
        assert.ok(shown === undefined || shown.status === 'cancelled', `v${release.version} shows ${session.id}, cancelled in the draft, as ${shown?.status}`);
      }
    },
  });
});

holds('4. replaying the events from scratch gives the snapshots built step by step', (steps) => {
  // Copied when made: a snapshot read again later must not see the versions made after it.
  const made: ReleasedSession[][] = [];
  const { events, meeting } = play(steps, { afterRelease: ({ release }) => made.push(structuredClone([...release.sessions.values()])) });
  const replayed = stateOf(events) as ExistingMeeting;
  assert.equal(replayed.releases.length, made.length, 'as many releases replayed as made');
  made.forEach((sessions, index) => {
    assert.deepEqual([...meeting.releases[index]!.sessions.values()], sessions, `v${index + 1} read again after the later events`);
    assert.deepEqual([...replayed.releases[index]!.sessions.values()], sessions, `v${index + 1} replayed from scratch`);
  });
});

holds('5. after every accepted request, each scheduled session\'s times resolve in the meeting\'s zone, and no two of one track overlap', (steps) => {
  play(steps, {
    afterAccepted: (meeting, step) => {
      const zone = meeting.details.timeZone;
      const slots = [...meeting.sessions.values()]
        .filter((session) => session.status === 'scheduled')
        .map((session) => {
          const where = `after ${JSON.stringify(step)}: ${session.id} (${JSON.stringify(session.start)}–${JSON.stringify(session.end)} in ${zone})`;
          let times: ReturnType<typeof resolveTimes>;
          try {
            times = resolveTimes(session.start, session.end, zone);
          } catch (error) {
            assert.fail(`${where} does not resolve: ${error instanceof Error ? error.message : String(error)}`);
          }
          return { id: session.id, track: session.track, start: times.startInstant.epochNanoseconds, end: times.endInstant.epochNanoseconds, where };
        });
      for (const [index, slot] of slots.entries()) {
        for (const other of slots.slice(index + 1)) {
          if (other.track !== slot.track) continue;
          // half-open: one may start when the other ends
          assert.ok(slot.end <= other.start || other.end <= slot.start, `${slot.where} overlaps ${other.where}`);
        }
      }
    },
  });
});

holds('6. a session a release does not list is shown as the previous release showed it, at the same instants', (steps) => {
  play(steps, {
    afterRelease: ({ release, previous }) => {
      const listed = new Set(release.changes.sessions.map((change) => change.sessionId));
      for (const before of previous?.sessions.values() ?? []) {
        if (listed.has(before.id)) continue;
        const shown = release.sessions.get(before.id)!;
        const where = `v${release.version} shows ${before.id}, unlisted, as v${previous!.version} did`;
        assert.equal(instantsOf(shown, release.details.timeZone), instantsOf(before, previous!.details.timeZone), `${where}: instants`);
        const { start: _start, end: _end, ...fields } = shown;
        const { start: _startBefore, end: _endBefore, ...fieldsBefore } = before;
        assert.deepEqual(fields, fieldsBefore, `${where}: every other field`);
      }
    },
  });
});

holds('7. a release shows every session at wall times that exist in its zone, one it cancels where the release before showed it', (steps) => {
  play(steps, {
    afterRelease: ({ release, previous }) => {
      const zone = release.details.timeZone;
      for (const shown of release.sessions.values()) {
        try {
          resolveTimes(shown.start, shown.end, zone);
        } catch (error) {
          assert.fail(`v${release.version} shows ${shown.id} (${shown.status}) at ${JSON.stringify(shown.start)}–${JSON.stringify(shown.end)}, not a time of ${zone}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      for (const change of release.changes.sessions) {
        const before = previous?.sessions.get(change.sessionId);
        if (change.kind !== 'cancelled' || before === undefined) continue;
        const where = `v${release.version} cancels ${change.sessionId}`;
        assert.equal(instantsOf(release.sessions.get(change.sessionId)!, zone), instantsOf(before, previous!.details.timeZone), `${where} where v${previous!.version} showed it`);
        assert.equal(`${change.times.startInstant} – ${change.times.endInstant}`, instantsOf(before, previous!.details.timeZone), `${where}: its notice says the same`);
        assert.equal(change.previous, null, `${where}: not as a move`);
      }
    },
  });
});
