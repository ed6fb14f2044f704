/** Random histories of organiser requests played through the real decide and evolve: what the property tests replay. */
import {
  decide,
  DomainError,
  evolve,
  type ExistingMeeting,
  type MeetingCommand,
  type MeetingEvent,
  type Release,
} from '../../src/index.ts';
import type { Step } from './command-arbitraries.ts';
import { context, MEETING_ID, meetingCreated, stateOf } from './given.ts';

/** A release as it was made: the draft it was made from, and the release before it. */
export interface ReleaseMoment {
  readonly draft: ExistingMeeting;
  readonly release: Release;
  readonly previous: Release | undefined;
}

/** What a property looks at while a history plays, each time with the state as it is then. */
export interface Observers {
  /** after each request the domain accepted (one that appended events) */
  readonly afterAccepted?: (meeting: ExistingMeeting, step: Step) => void;
  readonly afterRelease?: (moment: ReleaseMoment) => void;
}

/**
 * Plays the steps in order on a meeting created in Europe/Zurich, calling the observers as they
 * apply: the events appended, and the meeting they fold to.
 */
export const play = (steps: readonly Step[], { afterAccepted, afterRelease }: Observers = {}) => {
  const events: MeetingEvent[] = [meetingCreated];
  let meeting = stateOf(events) as ExistingMeeting;
  for (const step of steps) {
    const decided = decidedOrRefused({ ...step, meetingId: MEETING_ID, context } as MeetingCommand, meeting);
    meeting = decided.reduce(evolve, meeting) as ExistingMeeting;
    events.push(...decided);
    if (decided.length > 0) afterAccepted?.(meeting, step);
    if (decided.some((event) => event.type === 'AgendaReleased')) {
      afterRelease?.({ draft: meeting, release: meeting.releases.at(-1)!, previous: meeting.releases.at(-2) });
    }
  }
  return { events, meeting };
};

// A refusal (a gap, an unresolved fold, an overlap, an unknown session, nothing to release) is the
// domain doing its job: the request is skipped. Any other error is a bug and fails the property.
const decidedOrRefused = (command: MeetingCommand, meeting: ExistingMeeting): MeetingEvent[] => {
  try {
    return decide(command, meeting);
  } catch (error) {
    if (error instanceof DomainError) return [];
    throw error;
  }
};
