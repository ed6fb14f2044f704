/**
 * Synthetic but well-formed meeting streams for the benchmarks: 100 events per meeting (created,
 * 50 sessions added, then reschedules, edits, speakers, cancellations and 4 releases), shaped as
 * the domain's events so that `evolve` does its real work on them.
 */
import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../src/port.ts';
import type { LocalTime, MeetingEvent, SessionChange } from '@meridian/domain';

export const EVENTS_PER_MEETING = 100;
const SESSIONS = 50;
const RELEASES_AT = new Map([
  [60, 1],
  [75, 2],
  [90, 3],
  [99, 4],
]);
const EDITS = ['SessionRescheduled', 'SessionDetailsChanged', 'SessionRescheduled', 'SpeakerAssigned', 'SessionCancelled', 'SessionRestored'] as const;

const at = (minutes: number): LocalTime => {
  const hh = String(8 + Math.floor(minutes / 60) % 10).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { local: `2025-11-26T${hh}:${mm}`, disambiguation: null };
};

const sessionId = (meetingId: string, n: number) => `${meetingId}-s${n}`;

/** The `index`-th event (0-based) of meeting `meetingId`. */
export function meetingEvent(meetingId: string, index: number): MeetingEvent {
  if (index === 0) {
    return {
      type: 'MeetingCreated',
      data: {
        meetingId,
        organiser: 'organiser-1',
        title: `Intergovernmental consultation ${meetingId}`,
        timeZone: 'Europe/Zurich',
        description: 'Annual consultation of the member states on the work programme.',
        location: { name: 'Palais des Nations, Room XX', url: 'https://meet.example.org/room-xx' },
        documents: [{ title: 'Concept note', url: 'https://docs.example.org/concept-note.pdf' }],
        createdAt: '2025-09-01T08:00:00Z',
      },
    };
  }
  if (index <= SESSIONS) {
    return {
      type: 'SessionAdded',
      data: {
        sessionId: sessionId(meetingId, index),
        title: `Session ${index}: item ${index} of the agenda`,
        kind: index === 1 ? 'opening' : 'panel',
        track: index % 3 === 0 ? 'B' : null,
        start: at(index * 10),
        end: at(index * 10 + 9),
        description: 'Statements by delegations, followed by an interactive dialogue.',
        speakers: [{ id: `speaker-${index}`, name: 'H.E. Ms. Amina Diallo', affiliation: 'Permanent Mission', role: 'panelist' }],
        addedAt: '2025-09-01T08:05:00Z',
      },
    };
  }
  const release = RELEASES_AT.get(index);
  const target = sessionId(meetingId, 1 + ((index * 7) % SESSIONS));
  if (release !== undefined) return released(meetingId, release);
  switch (EDITS[index % EDITS.length]!) {
    case 'SessionRescheduled':
      return { type: 'SessionRescheduled', data: { sessionId: target, start: at(index * 5), end: at(index * 5 + 20) } };
    case 'SessionDetailsChanged':
      return { type: 'SessionDetailsChanged', data: { sessionId: target, title: `Item ${index} (revised)` } };
    case 'SpeakerAssigned':
      return {
        type: 'SpeakerAssigned',
        data: { sessionId: target, speaker: { id: `speaker-x${index}`, name: '李明 (Li Ming)', affiliation: null, role: 'moderator' } },
      };
    case 'SessionCancelled':
      return { type: 'SessionCancelled', data: { sessionId: target, reason: null } };
    case 'SessionRestored':
      return { type: 'SessionRestored', data: { sessionId: target } };
  }
}

function released(meetingId: string, version: number): MeetingEvent {
  const sessions: SessionChange[] = [1, 2, 3].map((n) => ({
    kind: version === 1 ? 'added' : 'moved',
    sessionId: sessionId(meetingId, n * version),
    title: `Session ${n * version}`,
    sequence: version - 1,
    fields: [],
    times: { start: at(n * 10), end: at(n * 10 + 9), startInstant: '2025-11-26T08:00:00Z', endInstant: '2025-11-26T08:09:00Z' },
    previous: null,
  }));
  return {
    type: 'AgendaReleased',
    data: {
      version,
      label: `Rev.${version}`,
      note: null,
      notify: true,
      releasedAt: '2025-10-01T12:00:00Z',
      releasedBy: 'organiser-1',
      changes: { published: version === 1, meetingCancelled: false, meeting: [], sessions },
    },
  };
}

/** Metadata as a service would write it. */
export const benchMetadata = (): EventMetadata => ({
  actor: 'organiser-1',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: '2025-09-01T08:05:00.000Z',
});

/** A meeting event wrapped for `append`, with a fresh id. */
export const newMeetingEvent = (meetingId: string, index: number): NewEvent => ({
  id: randomUUID(),
  ...meetingEvent(meetingId, index),
  metadata: benchMetadata(),
});
