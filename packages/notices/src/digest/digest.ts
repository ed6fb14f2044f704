import type { MeetingField, SessionChange } from '@meridian/domain';
import type { Language } from '../language.ts';

/**
 * A release digest, ready to render: every string is display text in the subscriber's language,
 * with values from outside (titles, times, zones, links) already bidi-isolated where the language
 * needs it (U+2068 … U+2069, which the HTML renderer turns into `<bdi>`). JSON-serialisable, so
 * the `agenda.released` webhook carries it whole.
 */
export interface Digest {
  readonly language: Language;
  /** the locale `Intl` formatted with */
  readonly locale: string;
  /** the HTML `lang` attribute */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** a meeting cancellation: send at once, and show as its own strong message */
  readonly urgent: boolean;
  readonly subject: string;
  /** the meeting's title */
  readonly heading: string;
  /** set when the meeting is cancelled by this release */
  readonly cancellation: DigestCancellation | null;
  /** "A new version of the agenda has been released (Rev.2, 20 November 2025)." */
  readonly lead: string;
  /** how many sessions changed, with its plural ("2 sessions have changed."); null for a cancellation */
  readonly summary: string | null;
  /** the organisers' note of the release (for a cancellation, the reason is in `cancellation`) */
  readonly note: string | null;
  /** which zones the times are given in */
  readonly zones: string;
  readonly meetingChanges: DigestSection<DigestMeetingChange> | null;
  readonly sessions: DigestSection<DigestItem> | null;
  readonly links: readonly DigestLink[];
  readonly footer: string;
}

export interface DigestCancellation {
  readonly heading: string;
  readonly text: string;
  readonly reason: string | null;
}

export interface DigestSection<Item> {
  readonly heading: string;
  readonly items: readonly Item[];
}

/** One changed session. */
export interface DigestItem {
  readonly sessionId: string;
  readonly kind: SessionChange['kind'];
  /** the kind in words ("Moved") */
  readonly label: string;
  /** the session title */
  readonly title: string;
  /** label and title together ("Moved: Session 2: …") */
  readonly heading: string;
  /** the time now, on both clocks; for a cancelled session, the time it had */
  readonly time: string;
  /** where a moved session was ("Previously: …") */
  readonly previousTime: string | null;
  /** the other fields that changed, named ("Changes: title and speakers") */
  readonly changedFields: string | null;
}

/** One changed detail of the meeting, with its new value ("Location: Online (MS Teams)"). */
export interface DigestMeetingChange {
  readonly field: MeetingField;
  readonly text: string;
}

export interface DigestLink {
  readonly rel: 'page' | 'feed' | 'manage' | 'unsubscribe';
  readonly label: string;
  readonly url: string;
  /** label and link for plain text ("Unsubscribe: https://…") */
  readonly text: string;
}
