import { instantOf } from '../time/local-time.ts';
import { projectInstant, type ProjectedTime } from '../time/projection.ts';
import type { ExistingMeeting, MeetingDetails, Release, SessionKind, SessionStatus, Speaker } from '../meeting/types.ts';

export interface AgendaSession {
  readonly id: string;
  readonly title: string;
  readonly kind: SessionKind;
  readonly track: string | null;
  readonly status: SessionStatus;
  readonly description: string | null;
  readonly speakers: readonly Speaker[];
  readonly start: ProjectedTime;
  readonly end: ProjectedTime;
  /** true elapsed minutes, also across a DST change */
  readonly durationMinutes: number;
  /** iCalendar SEQUENCE of this session in this release */
  readonly sequence: number;
}

export interface Agenda {
  readonly meeting: MeetingDetails & Readonly<{ id: string; cancelled: boolean }>;
  /** the viewer's zone the times are projected into */
  readonly timeZone: string;
  readonly locale: string;
  readonly version: number;
  readonly label: string;
  readonly releasedAt: string;
  /** sessions in start order (then track, then title) */
  readonly sessions: readonly AgendaSession[];
}

export interface AgendaOptions {
  /** a zone already checked with `validateTimeZone` */
  readonly viewerZone: string;
  /** a locale already checked with `validateLocale` */
  readonly locale: string;
}

/**
 * A released version of the agenda projected into the viewer's zone and locale (DESIGN.md,
 * Pinned API: the agenda).
 *
 * @example
 * projectAgenda(meeting, meeting.releases[0], { viewerZone: 'Asia/Tokyo', locale: 'en' }).sessions[0].start.local
 * //=> '2025-11-26T17:00'
 */
export const projectAgenda = (meeting: ExistingMeeting, release: Release, options: AgendaOptions): Agenda => {
  const meetingZone = release.details.timeZone;
  const projection = { meetingZone, viewerZone: options.viewerZone, locale: options.locale };
  const sessions = [...release.sessions.values()]
    .map((session) => {
      const start = instantOf(session.start, meetingZone);
      const end = instantOf(session.end, meetingZone);
      return {
        order: start.epochNanoseconds,
        session: {
          id: session.id,
          title: session.title,
          kind: session.kind,
          track: session.track,
          status: session.status,
          description: session.description,
          speakers: session.speakers,
          start: projectInstant(start, projection),
          end: projectInstant(end, projection),
          durationMinutes: end.since(start).total({ unit: 'minutes' }),
          sequence: session.sequence,
        },
      };
    })
    .sort(
      (a, b) =>
        Number(a.order - b.order) ||
        (a.session.track ?? '').localeCompare(b.session.track ?? '') ||
        a.session.title.localeCompare(b.session.title),
    )
    .map((entry) => entry.session);
  return {
    meeting: { id: meeting.id, ...release.details, cancelled: release.cancelled },
    timeZone: options.viewerZone,
    locale: options.locale,
    version: release.version,
    label: release.label,
    releasedAt: release.releasedAt,
    sessions,
  };
};
