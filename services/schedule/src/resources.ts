import { storedInstantTextOf, type ExistingMeeting, type Release, type Session } from '@meridian/domain';
import type { ScheduleConfig } from './config.ts';
import { meetingLinks } from './links.ts';

/** A draft session as the API shows it: wall times in the meeting zone, with their instants. */
export const sessionResource = (session: Session, timeZone: string) => ({
  id: session.id,
  title: session.title,
  kind: session.kind,
  track: session.track,
  start: session.start.local,
  end: session.end.local,
  startDisambiguation: session.start.disambiguation,
  endDisambiguation: session.end.disambiguation,
  // written once per stored time: a command's answer shows the times its decision just resolved
  startInstant: storedInstantTextOf(session.start, timeZone),
  endInstant: storedInstantTextOf(session.end, timeZone),
  description: session.description,
  speakers: session.speakers,
  status: session.status,
  addedAt: session.addedAt,
});

/** The draft of a meeting, for its organiser. */
export const meetingResource = (meeting: ExistingMeeting, revision: number, config: Pick<ScheduleConfig, 'publicUrl'>) => ({
  id: meeting.id,
  organiser: meeting.organiser,
  ...meeting.details,
  status: meeting.status,
  createdAt: meeting.createdAt,
  revision,
  releasedVersion: meeting.releases.at(-1)?.version ?? null,
  sessions: [...meeting.sessions.values()].map((session) => sessionResource(session, meeting.details.timeZone)),
  links: meetingLinks(config, meeting.id),
});

/** A release with the changes it carried. */
export const releaseResource = (release: Release) => ({
  version: release.version,
  label: release.label,
  note: release.note,
  notify: release.notify,
  releasedAt: release.releasedAt,
  releasedBy: release.releasedBy,
  cancelled: release.cancelled,
  changes: release.changes,
});
