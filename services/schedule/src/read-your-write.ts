import { HttpErrors } from '@meridian/http';
import type { ScheduleContext } from './context.ts';

/** How long a read with `?minRevision=` waits for this replica to catch up before a 503. */
export const READ_YOUR_WRITE_WAIT_MS = 2_000;

/**
 * Waits until this replica's read model holds `minRevision` of the meeting: a client that wrote
 * through another replica reads its own write here.
 */
export const awaitRevision = async (
  context: Pick<ScheduleContext, 'meetings'>,
  meetingId: string,
  minRevision: number | undefined,
): Promise<void> => {
  if (minRevision === undefined) return;
  if (!(await context.meetings.waitForRevision(meetingId, minRevision, READ_YOUR_WRITE_WAIT_MS))) {
    throw new HttpErrors.NotCaughtUp(String(minRevision), meetingId);
  }
};
