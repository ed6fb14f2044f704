import type { FastifyRequest } from 'fastify';
import {
  decide,
  evolve,
  initialState,
  instantText,
  meetingStream,
  type ExistingMeeting,
  type Meeting,
  type MeetingCommand,
  type MeetingEvent,
} from '@meridian/domain';
import { handleCommand, WrongExpectedVersionError, type Decider } from '@meridian/event-store';
import { HttpErrors, ownedMeeting, requireOrganiser } from '@meridian/http';

export const meetingDecider: Decider<Meeting, MeetingCommand, MeetingEvent> = { decide, evolve, initialState };

type CommandOf<T extends MeetingCommand['type']> = Extract<MeetingCommand, { type: T }>;

export interface CommandOutcome {
  readonly meeting: ExistingMeeting;
  /** the stream's version after the command: the new ETag */
  readonly revision: number;
  readonly events: readonly MeetingEvent[];
}

// Without If-Match a writer that lost a race decides again on the newer state, a few times: its
// command still means the same (the decider re-checks every rule).
const RETRIES_WITHOUT_IF_MATCH = 3;

/**
 * Runs an organiser's command on a meeting: checks the token owns it, decides, and appends with
 * the version decided on (`If-Match` if given). The outcome is the new state, so the writer
 * reads its own write at once.
 */
export const executeMeetingCommand = async <T extends MeetingCommand['type']>(
  request: FastifyRequest,
  meetingId: string,
  type: T,
  data: CommandOf<T>['data'],
): Promise<CommandOutcome> => {
  const organiser = requireOrganiser(request);
  const { store, meetings, clock } = request.server.schedule;
  const stream = meetingStream(meetingId);
  const ifMatch = parseIfMatch(request.headers['if-match']);
  const now = clock.now();
  const command = { type, meetingId, data, context: { actor: organiser, now } } as MeetingCommand;
  try {
    // The read model serves as the aggregate cache: handleCommand confirms on the stream whatever
    // the append did not prove current, a refused ownership included (see handleCommand).
    const outcome = await handleCommand(store, stream, meetingDecider, command, {
      metadata: { actor: organiser, correlationId: request.id, occurredAt: instantText(now) },
      // the token must own the meeting (a new one is its organiser's by the command itself)
      ...(type !== 'CreateMeeting' && { authorize: (state: Meeting) => void ownedMeeting(meetingId, state, organiser) }),
      ...(ifMatch !== undefined && { expectedVersion: ifMatch }),
      retriesOnConflict: ifMatch === undefined ? RETRIES_WITHOUT_IF_MATCH : 0,
      cache: meetings,
    });
    return { meeting: outcome.state as ExistingMeeting, revision: outcome.version, events: outcome.events };
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) {
      throw new HttpErrors.PreconditionFailed(`"${error.expectedVersion}"`, `"${error.actualVersion}"`);
    }
    throw error;
  }
};

/**
 * `If-Match: "7"` (or `*`) as a revision; undefined when absent or `*`. A weak tag (`W/"7"`) is
 * well-formed but never matches: If-Match compares strongly (RFC 9110, 13.1.1), since a weak tag
 * only says two representations are equivalent, not that nothing changed in between.
 */
export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (match === null) throw new HttpErrors.InvalidIfMatch(JSON.stringify(header));
  if (match[1] !== undefined) throw new HttpErrors.WeakIfMatch(header.trim());
  return Number(match[2]);
};

/** The `ETag` of a meeting resource at a revision. */
export const revisionTag = (revision: number): string => `"${revision}"`;
