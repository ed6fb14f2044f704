import { instantOf, type ExistingMeeting, type ReleasedSession, type SessionChange } from '@meridian/domain';
import { RLM } from '../_lib/bidi.ts';
import { asIs, localizerFor } from '../localizer.ts';
import type { Recipient } from '../notice-types.ts';
import { endpointOf } from '../time/endpoint.ts';
import { timeLine } from '../time/format-meeting-time.ts';

/** Why an invitation is sent: a change a release made, or the subscriber's own choice to drop the session. */
export type InvitationKind = SessionChange['kind'] | 'unfollowed';

export interface InvitationNoteInput {
  readonly meeting: ExistingMeeting;
  readonly session: ReleasedSession;
  /**
   * what happened to the session: `cancelled` goes with an iTIP CANCEL, and so does `unfollowed`
   * (the subscriber stopped following it, or asked for no more invitations); the others with a REQUEST
   */
  readonly kind: InvitationKind;
  readonly recipient: Recipient;
}

export interface InvitationNote {
  readonly subject: string;
  /** three lines: what happened, when (on both clocks), what the attachment does */
  readonly text: string;
}

/**
 * The short human text of an iTIP REQUEST or CANCEL mail, beside its `text/calendar` part.
 *
 * @example
 * invitationNote({ meeting, session, kind: 'moved', recipient: { timeZone: 'America/New_York', locale: 'en-US' } }).text
 * //=> 'Session 2: Local action (Meeting on local government and human rights) has moved to a new time.\n'
 * //   + 'Wednesday, November 26, 2025, 3:30 PM–5:00 PM GMT+1 · 9:30 AM–11:00 AM your time (EST)\n'
 * //   + 'The attached invitation updates your calendar.\n'
 */
export const invitationNote = ({ meeting, session, kind, recipient }: InvitationNoteInput): InvitationNote => {
  const l = localizerFor(recipient.locale);
  const details = meeting.releases.at(-1)?.details ?? meeting.details;
  const zones = { meetingZone: details.timeZone, viewerZone: recipient.timeZone, locale: recipient.locale };
  const times = [session.start, session.end].map((time) => endpointOf(instantOf(time, details.timeZone), zones, l.locale));
  const line = timeLine(l, times, true);
  const lines = [
    l.t(`invite.${kind}`, { title: session.title, meeting: details.title }),
    kind === 'cancelled' ? l.t('change.wasScheduled', { time: asIs(line) }) : line,
    l.t(kind === 'cancelled' || kind === 'unfollowed' ? 'invite.attached.cancel' : 'invite.attached.request'),
  ];
  const prefix = l.dir === 'rtl' ? RLM : '';
  return {
    subject: l.t('invite.subject', { label: asIs(l.t(`change.${kind}`)), title: session.title }),
    text: lines.map((text) => `${prefix}${text}\n`).join(''),
  };
};
