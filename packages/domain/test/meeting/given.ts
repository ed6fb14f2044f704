import type { Test } from 'tap';
import {
  decide,
  evolve,
  initialState,
  Temporal,
  type CommandContext,
  type DomainError,
  type Meeting,
  type MeetingCommand,
  type MeetingEvent,
} from '../../src/index.ts';

/** The instant every test command happens at, unless a test says otherwise. */
export const NOW = Temporal.Instant.from('2025-11-01T10:00:00Z');
export const ORGANISER = 'ohchr';
export const MEETING_ID = 'm-1';
export const TITLE = 'Meeting on local government and human rights';
export const context: CommandContext = { actor: ORGANISER, now: NOW };

type Body<T extends MeetingCommand['type']> = Extract<MeetingCommand, { type: T }>['data'];

/** Builds a command of the test meeting. */
export const command = <T extends MeetingCommand['type']>(
  type: T,
  data: Body<T>,
  at: Partial<CommandContext> = {},
): MeetingCommand => ({ type, meetingId: MEETING_ID, data, context: { ...context, ...at } }) as MeetingCommand;

export const stateOf = (events: readonly MeetingEvent[]): Meeting => events.reduce(evolve, initialState());

/**
 * given / when / then for the meeting decider:
 * `given(t, [created]).when(addSession).then([sessionAdded])` or `.thenFails('sessions-overlap')`.
 */
export const given = (t: Test, history: readonly MeetingEvent[]) => ({
  when: (cmd: MeetingCommand) => ({
    then: (expected: readonly MeetingEvent[]): MeetingEvent[] => {
      const events = decide(cmd, stateOf(history));
      t.strictSame(events, expected);
      return events;
    },
    /** the events, for assertions on a part of them */
    events: (): MeetingEvent[] => decide(cmd, stateOf(history)),
    thenFails: (code: string, details: Record<string, unknown> = {}): DomainError => {
      let failure: unknown;
      try {
        decide(cmd, stateOf(history));
      } catch (error) {
        failure = error;
      }
      t.match(failure, { code, details }, `fails with ${code}`);
      return failure as DomainError;
    },
  }),
});

// --- the reference meeting, as events -------------------------------------------------------

export const meetingCreated: MeetingEvent = {
  type: 'MeetingCreated',
  data: {
    meetingId: MEETING_ID,
    organiser: ORGANISER,
    title: TITLE,
    timeZone: 'Europe/Zurich',
    description: null,
    location: { name: 'Online (MS Teams)', url: null },
    documents: [],
    createdAt: NOW.toString(),
  },
};

export const sessionAdded = (
  sessionId: string,
  start: string,
  end: string,
  extra: Partial<Extract<MeetingEvent, { type: 'SessionAdded' }>['data']> = {},
): MeetingEvent => ({
  type: 'SessionAdded',
  data: {
    sessionId,
    title: `Session ${sessionId}`,
    kind: 'panel',
    track: null,
    start: { local: start, disambiguation: null },
    end: { local: end, disambiguation: null },
    description: null,
    speakers: [],
    addedAt: NOW.toString(),
    ...extra,
  },
});

export const opening = sessionAdded('opening', '2025-11-26T09:00', '2025-11-26T09:20', { kind: 'opening', title: 'Opening session' });
export const session1 = sessionAdded('s1', '2025-11-26T09:20', '2025-11-26T11:00', { title: 'Session 1: Human rights cities' });

export const hcAssigned: MeetingEvent = {
  type: 'SpeakerAssigned',
  data: { sessionId: 'opening', speaker: { id: 'hc', name: 'High Commissioner', affiliation: null, role: null } },
};

/**
 * One command of each type that names a session, each one `decide` accepts for a scheduled session
 * of the reference meeting that has the speaker 'hc' (RestoreSession excepted: it wants a cancelled
 * one): for the refusals every session command must give alike.
 */
export const sessionCommands = (sessionId: string): MeetingCommand[] => [
  command('ChangeSessionDetails', { sessionId, title: 'Renamed' }),
  command('RescheduleSession', { sessionId, start: '2025-11-26T12:00', end: '2025-11-26T13:00' }),
  command('ReviseSession', { sessionId, description: 'Revised' }),
  command('CancelSession', { sessionId }),
  command('RestoreSession', { sessionId }),
  command('AssignSpeaker', { sessionId, speaker: { id: 'ms', name: 'Member State' } }),
  command('RemoveSpeaker', { sessionId, speakerId: 'hc' }),
];

/** One command of each type that addresses the meeting as a whole, CreateMeeting excepted. */
export const meetingCommands: readonly MeetingCommand[] = [
  command('ChangeMeetingDetails', { title: 'Renamed' }),
  command('ChangeTimeZone', { timeZone: 'UTC', policy: 'keep-instants' }),
  command('AddSession', { sessionId: 'x', title: 'x', start: '2025-11-26T12:00', end: '2025-11-26T13:00' }),
  command('ReleaseAgenda', {}),
  command('CancelMeeting', {}),
];

/** The release event `decide` produces for a history, for building longer histories. */
export const released = (history: readonly MeetingEvent[], data: Record<string, unknown> = {}): MeetingEvent[] => [
  ...history,
  ...decide(command('ReleaseAgenda', data), stateOf(history)),
];
