import t from 'tap';
import type { ExistingMeeting, MeetingCommandType, MeetingEvent } from '../../src/index.ts';
import {
  command,
  given,
  hcAssigned,
  meetingCommands,
  meetingCreated,
  MEETING_ID,
  NOW,
  ORGANISER,
  opening,
  released,
  session1,
  sessionAdded,
  sessionCommands,
  stateOf,
  TITLE,
} from './given.ts';

const EVERY_COMMAND_BUT_CREATE: readonly MeetingCommandType[] = [
  'ChangeMeetingDetails',
  'ChangeTimeZone',
  'AddSession',
  'ChangeSessionDetails',
  'RescheduleSession',
  'ReviseSession',
  'CancelSession',
  'RestoreSession',
  'AssignSpeaker',
  'RemoveSpeaker',
  'ReleaseAgenda',
  'CancelMeeting',
];

t.test('CreateMeeting', async (t) => {
  t.test('creates a meeting owned by the actor, with the zone as given', async (t) => {
    given(t, [])
      .when(
        command('CreateMeeting', {
          title: '  Meeting on local government and human rights ',
          timeZone: 'Asia/Calcutta',
          location: { name: 'Online (MS Teams)', url: 'https://teams.example/join' },
          documents: [{ title: 'Concept note', url: 'https://www.ohchr.org/concept-note' }],
        }),
      )
      .then([
        {
          type: 'MeetingCreated',
          data: {
            meetingId: MEETING_ID,
            organiser: ORGANISER,
            title: TITLE,
            timeZone: 'Asia/Calcutta',
            description: null,
            location: { name: 'Online (MS Teams)', url: 'https://teams.example/join' },
            documents: [{ title: 'Concept note', url: 'https://www.ohchr.org/concept-note' }],
            createdAt: NOW.toString(),
          },
        },
      ]);
  });

  t.test('refuses a meeting that already exists', async (t) => {
    given(t, [meetingCreated])
      .when(command('CreateMeeting', { title: 'Again', timeZone: 'Europe/Zurich' }))
      .thenFails('meeting-already-exists', { meetingId: MEETING_ID });
  });

  t.test('refuses an abbreviation as zone, suggesting real zones', async (t) => {
    const error = given(t, [])
      .when(command('CreateMeeting', { title: 'x', timeZone: 'CET' }))
      .thenFails('unknown-time-zone', { value: 'CET' });
    t.ok((error.details.suggestions as string[]).includes('Europe/Paris'), 'suggests Europe/Paris');
  });

  t.test('refuses a fixed offset as zone', async (t) => {
    for (const timeZone of ['+01:00', 'UTC+1', 'Etc/GMT-1', 'Mars/Olympus']) {
      given(t, []).when(command('CreateMeeting', { title: 'x', timeZone })).thenFails('unknown-time-zone', { value: timeZone });
    }
  });

  t.test('refuses an empty title, a non-http link and control characters', async (t) => {
    given(t, []).when(command('CreateMeeting', { title: '  ', timeZone: 'UTC' })).thenFails('invalid-input', { field: 'title' });
    given(t, [])
      .when(command('CreateMeeting', { title: 'x', timeZone: 'UTC', location: { name: 'x', url: 'javascript:alert(1)' } }))
      .thenFails('invalid-input', { field: 'location.url' });
    given(t, [])
      .when(command('CreateMeeting', { title: 'a\u0007b', timeZone: 'UTC' }))
      .thenFails('invalid-input', { field: 'title' });
  });

  t.test('refuses half of a surrogate pair, in a text or a link: no character, it breaks URL encoding and UTF-8', async (t) => {
    for (const broken of ['lone \ud800 x', 'x \udc00', '\ude00\ud83d']) {
      given(t, []).when(command('CreateMeeting', { title: broken, timeZone: 'UTC' })).thenFails('invalid-input', { field: 'title' });
    }
    given(t, [])
      .when(command('CreateMeeting', { title: 'x', timeZone: 'UTC', location: { name: 'x', url: 'https://example.org/\ud800' } }))
      .thenFails('invalid-input', { field: 'location.url' });
  });

  t.test('counts a title\'s length in characters, as the API schema does: an emoji is one', async (t) => {
    const emoji = '\u{1F600}';
    given(t, [])
      .when(command('CreateMeeting', { title: emoji.repeat(300), timeZone: 'UTC' }))
      .then([
        {
          type: 'MeetingCreated',
          data: { meetingId: MEETING_ID, organiser: ORGANISER, title: emoji.repeat(300), timeZone: 'UTC', description: null, location: null, documents: [], createdAt: NOW.toString() },
        },
      ]);
    given(t, []).when(command('CreateMeeting', { title: emoji.repeat(301), timeZone: 'UTC' })).thenFails('invalid-input', { field: 'title' });
  });
});

t.test('ChangeMeetingDetails', async (t) => {
  t.test('records only the fields that change', async (t) => {
    given(t, [meetingCreated])
      .when(command('ChangeMeetingDetails', { title: TITLE, description: 'Hybrid' }))
      .then([{ type: 'MeetingDetailsChanged', data: { description: 'Hybrid' } }]);
  });

  t.test('changes nothing when nothing differs', async (t) => {
    given(t, [meetingCreated]).when(command('ChangeMeetingDetails', { description: null })).then([]);
  });

  t.test('null clears an optional field', async (t) => {
    given(t, [meetingCreated])
      .when(command('ChangeMeetingDetails', { location: null }))
      .then([{ type: 'MeetingDetailsChanged', data: { location: null } }]);
  });

  t.test('fails on a meeting that does not exist', async (t) => {
    given(t, []).when(command('ChangeMeetingDetails', { title: 'x' })).thenFails('meeting-not-found', { meetingId: MEETING_ID });
  });
});

t.test('CancelMeeting', async (t) => {
  t.test('is released at once when the meeting was published, every session cancelled', async (t) => {
    const history = released([meetingCreated, opening]);
    const events = given(t, history).when(command('CancelMeeting', { reason: 'Postponed' })).events();
    t.match(events, [
      { type: 'MeetingCancelled', data: { reason: 'Postponed', cancelledAt: NOW.toString() } },
      {
        type: 'AgendaReleased',
        data: {
          version: 2,
          note: 'Postponed',
          notify: true,
          changes: { meetingCancelled: true, sessions: [{ kind: 'cancelled', sessionId: 'opening', sequence: 1 }] },
        },
      },
    ]);
    const state = stateOf([...history, ...events]);
    t.match(state, { status: 'cancelled' });
    if (state.exists) t.equal(state.releases.at(-1)?.sessions.get('opening')?.status, 'cancelled');
  });

  t.test('is not released when nothing was ever published', async (t) => {
    given(t, [meetingCreated])
      .when(command('CancelMeeting', {}))
      .then([{ type: 'MeetingCancelled', data: { reason: null, cancelledAt: NOW.toString() } }]);
  });

  t.test('nothing changes a cancelled meeting: every command but CreateMeeting is refused', async (t) => {
    const cancelled: MeetingEvent = { type: 'MeetingCancelled', data: { reason: null, cancelledAt: NOW.toString() } };
    const commands = [...meetingCommands, ...sessionCommands('opening')];
    t.same(new Set(commands.map((cmd) => cmd.type)), new Set(EVERY_COMMAND_BUT_CREATE), 'one command of each type');
    for (const cmd of commands) {
      given(t, [meetingCreated, opening, hcAssigned, cancelled]).when(cmd).thenFails('meeting-cancelled', { meetingId: MEETING_ID });
    }
  });

  t.test('the same commands are accepted while the meeting is active: the refusals above come from the cancellation', async (t) => {
    for (const cmd of [...meetingCommands, ...sessionCommands('opening')].filter((cmd) => cmd.type !== 'RestoreSession')) {
      t.not(given(t, [meetingCreated, opening, hcAssigned]).when(cmd).events().length, 0, `${cmd.type} is accepted`);
    }
  });

  t.test('with unreleased changes in the draft, the cancellation releases them too; a session never published stays out', async (t) => {
    const v1 = released([meetingCreated, opening, session1]);
    const edits: MeetingEvent[] = [
      { type: 'MeetingDetailsChanged', data: { description: 'Postponed to 2026' } },
      { type: 'SessionDetailsChanged', data: { sessionId: 'opening', title: 'Welcome' } },
      sessionAdded('s2', '2025-11-26T15:00', '2025-11-26T16:45'),
    ];
    const events = given(t, [...v1, ...edits])
      .when(command('CancelMeeting', { reason: 'Postponed', label: 'Cancellation' }))
      .then([
        { type: 'MeetingCancelled', data: { reason: 'Postponed', cancelledAt: '2025-11-01T10:00:00Z' } },
        {
          type: 'AgendaReleased',
          data: {
            version: 2,
            label: 'Cancellation',
            note: 'Postponed',
            notify: true,
            releasedAt: '2025-11-01T10:00:00Z',
            releasedBy: 'ohchr',
            changes: {
              published: false,
              meetingCancelled: true,
              meeting: ['description'],
              sessions: [
                {
                  kind: 'cancelled',
                  sessionId: 'opening',
                  title: 'Welcome',
                  sequence: 1,
                  fields: ['title'],
                  times: {
                    start: { local: '2025-11-26T09:00', disambiguation: null },
                    end: { local: '2025-11-26T09:20', disambiguation: null },
                    startInstant: '2025-11-26T08:00:00Z',
                    endInstant: '2025-11-26T08:20:00Z',
                  },
                  previous: null,
                },
                {
                  kind: 'cancelled',
                  sessionId: 's1',
                  title: 'Session 1: Human rights cities',
                  sequence: 1,
                  fields: [],
                  times: {
                    start: { local: '2025-11-26T09:20', disambiguation: null },
                    end: { local: '2025-11-26T11:00', disambiguation: null },
                    startInstant: '2025-11-26T08:20:00Z',
                    endInstant: '2025-11-26T10:00:00Z',
                  },
                  previous: null,
                },
              ],
            },
          },
        },
      ]);
    const release = (stateOf([...v1, ...edits, ...events]) as ExistingMeeting).releases[1]!;
    t.same([...release.sessions.keys()], ['opening', 's1'], 's2 was never published');
    t.same(release.details.description, 'Postponed to 2026');
  });
});

t.test('every command but CreateMeeting fails on a meeting that does not exist', async (t) => {
  const commands = [...meetingCommands, ...sessionCommands('opening')];
  t.same(new Set(commands.map((cmd) => cmd.type)), new Set(EVERY_COMMAND_BUT_CREATE), 'one command of each type');
  for (const cmd of commands) given(t, []).when(cmd).thenFails('meeting-not-found', { meetingId: MEETING_ID });
});

t.test('ChangeMeetingDetails merges a partial location as JSON merge patch does', async (t) => {
  given(t, [meetingCreated])
    .when(command('ChangeMeetingDetails', { location: { url: 'https://teams.example/join' } }))
    .then([{ type: 'MeetingDetailsChanged', data: { location: { name: 'Online (MS Teams)', url: 'https://teams.example/join' } } }]);
  const created = meetingCreated as Extract<MeetingEvent, { type: 'MeetingCreated' }>;
  const noLocation: MeetingEvent = { type: 'MeetingCreated', data: { ...created.data, location: null } };
  given(t, [noLocation])
    .when(command('ChangeMeetingDetails', { location: { url: 'https://teams.example/join' } }))
    .thenFails('invalid-input', { field: 'location.name' });
});
