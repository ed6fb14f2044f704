import { meetingStream, Temporal, type MeetingCommand } from '@meridian/domain';
import { handleCommand, type EventStore } from '@meridian/event-store';
import { meetingDecider } from '../meeting-commands.ts';
import { REFERENCE_DATE, REFERENCE_MEETING_ID, referenceMeeting, referenceSessions } from './reference-meeting.ts';

export interface SeedOptions {
  readonly store: EventStore;
  /** the organiser who owns the demo meetings */
  readonly organiser: string;
  readonly now: Temporal.Instant;
}

export interface SeededMeeting {
  readonly id: string;
  readonly title: string;
  readonly created: boolean;
}

/**
 * Loads the reference meeting as a released agenda and, since it lies in the past, a clearly
 * labelled rehearsal of the same programme one week after `now` (in Geneva), so reminders and
 * notices can be seen working. Idempotent: a meeting already in the store is left as it is.
 */
export const seedReferenceMeetings = async (options: SeedOptions): Promise<SeededMeeting[]> => {
  const rehearsalDate = options.now.toZonedDateTimeISO(referenceMeeting.timeZone).toPlainDate().add({ days: 7 }).toString();
  return [
    await seedMeeting(options, REFERENCE_MEETING_ID, referenceMeeting, REFERENCE_DATE, 'Rev.1'),
    await seedMeeting(
      options,
      `rehearsal-${rehearsalDate}`,
      {
        ...referenceMeeting,
        title: `REHEARSAL ${rehearsalDate}: ${referenceMeeting.title}`,
        description: `A rehearsal of the programme of ${REFERENCE_DATE}, dated one week after this demo was started, so that reminders and change notices can be seen working. Nothing happens at these times.\n\n${referenceMeeting.description}`,
      },
      rehearsalDate,
      'Rehearsal Rev.1',
    ),
  ];
};

const seedMeeting = async (
  options: SeedOptions,
  meetingId: string,
  meeting: typeof referenceMeeting,
  date: string,
  label: string,
): Promise<SeededMeeting> => {
  const stream = meetingStream(meetingId);
  if ((await options.store.readStream(stream, { limit: 1 })).length > 0) return { id: meetingId, title: meeting.title, created: false };
  const context = { actor: options.organiser, now: options.now };
  const commands: MeetingCommand[] = [
    { type: 'CreateMeeting', meetingId, data: meeting, context },
    ...referenceSessions(date).map((data): MeetingCommand => ({ type: 'AddSession', meetingId, data, context })),
    { type: 'ReleaseAgenda', meetingId, data: { label, note: 'Programme as announced in the concept note.' }, context },
  ];
  for (const command of commands) {
    await handleCommand(options.store, stream, meetingDecider, command, {
      metadata: { actor: options.organiser, correlationId: `seed-${meetingId}`, occurredAt: options.now.toString() },
    });
  }
  return { id: meetingId, title: meeting.title, created: true };
};
