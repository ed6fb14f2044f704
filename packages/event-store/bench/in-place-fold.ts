/**
 * A second fold of the replay's events, for comparison only: each meeting kept as plain mutable
 * objects and changed in place, the event's own values kept as parsed, no copy, no sharing. No
 * service should fold like this (an older state is gone the moment an event arrives, and one
 * thrown half-way leaves a meeting half-changed); it measures what holding these facts in memory
 * costs at the least, so that `store.replay` can be read against it: the gap between the two is
 * the price of the domain's pure `evolve`, the rest the price of any in-memory read model.
 */
import type { LocalTime, MeetingEvent, Speaker } from '@meridian/domain';

interface MutableSession {
  title: string;
  kind: string;
  track: string | null;
  start: LocalTime;
  end: LocalTime;
  description: string | null;
  speakers: Speaker[];
  status: 'scheduled' | 'cancelled';
}

export interface MutableMeeting {
  title: string;
  timeZone: string;
  status: 'active' | 'cancelled';
  readonly sessions: Map<string, MutableSession>;
  readonly releases: unknown[];
}

/** Applies one event to the meetings, in place. */
export function applyInPlace(meetings: Map<string, MutableMeeting>, stream: string, event: MeetingEvent): void {
  if (event.type === 'MeetingCreated') {
    meetings.set(stream, { title: event.data.title, timeZone: event.data.timeZone, status: 'active', sessions: new Map(), releases: [] });
    return;
  }
  const meeting = meetings.get(stream);
  if (meeting === undefined) return;
  if (event.type === 'SessionAdded') {
    const { sessionId, title, kind, track, start, end, description, speakers } = event.data;
    meeting.sessions.set(sessionId, { title, kind, track, start, end, description, speakers: [...speakers], status: 'scheduled' });
    return;
  }
  const session = 'sessionId' in event.data ? meeting.sessions.get(event.data.sessionId) : undefined;
  switch (event.type) {
    case 'MeetingDetailsChanged':
      meeting.title = event.data.title ?? meeting.title;
      break;
    case 'MeetingTimeZoneChanged':
      meeting.timeZone = event.data.timeZone;
      for (const moved of event.data.sessions) Object.assign(meeting.sessions.get(moved.sessionId) ?? {}, { start: moved.start, end: moved.end });
      break;
    case 'SessionDetailsChanged':
      if (session !== undefined) session.title = event.data.title ?? session.title;
      break;
    case 'SessionRescheduled':
      if (session !== undefined) [session.start, session.end] = [event.data.start, event.data.end];
      break;
    case 'SessionCancelled':
    case 'SessionRestored':
      if (session !== undefined) session.status = event.type === 'SessionCancelled' ? 'cancelled' : 'scheduled';
      break;
    case 'SpeakerAssigned':
      session?.speakers.push(event.data.speaker);
      break;
    case 'SpeakerRemoved':
      if (session !== undefined) session.speakers = session.speakers.filter((speaker) => speaker.id !== event.data.speakerId);
      break;
    case 'AgendaReleased':
      meeting.releases.push(event.data);
      break;
    case 'MeetingCancelled':
      meeting.status = 'cancelled';
      break;
  }
}
