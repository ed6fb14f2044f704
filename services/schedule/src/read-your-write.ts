import { HttpErrors } from '@meridian/http';
import type { ScheduleContext } from './context.ts';
import type { MeetingEntry } from './read-model/meetings-read-model.ts';

/** How long a read with `?minRevision=` waits for this replica to catch up before a 503. */
export const READ_YOUR_WRITE_WAIT_MS = 2_000;

/**
 * Waits until this replica's read model holds `minRevision` of the meeting: a client that wrote
 * through another replica reads its own write here.
 *
 * What is waited for is the revision *as the reader may see it* — the owner's own meeting, or a
 * published one — so that another organiser's draft is exactly as slow (a 503 after the wait) as a
 * meeting that does not exist: answering it at once would tell a hidden draft from nothing.
 * `reader` is the organiser of the request, or null for anonymous reads.
 */
export const awaitRevision = async (
  context: Pick<ScheduleContext, 'meetings'>,
  meetingId: string,
  minRevision: number | undefined,
  reader: string | null = null,
): Promise<void> => {
  if (minRevision === undefined) return;
  const visibleAt = (entry: MeetingEntry | undefined) =>
    entry !== undefined && entry.revision >= minRevision && (entry.meeting.releases.length > 0 || entry.meeting.organiser === reader);
  if (!(await context.meetings.waitFor(meetingId, visibleAt, READ_YOUR_WRITE_WAIT_MS))) {
    throw new HttpErrors.NotCaughtUp(String(minRevision), meetingId);
  }
};
