import type { ExistingMeeting, Release, ReleaseChanges } from '@meridian/domain';

/** Who reads a notice: the zone their times are told in, and the locale that picks the language. */
export interface Recipient {
  /** IANA zone, e.g. `Asia/Tokyo` */
  readonly timeZone: string;
  /** BCP 47 tag, e.g. `fr-CH`; its language picks the catalogue (see `languageOf`) */
  readonly locale: string;
}

/** An e-mail ready for the mail channel: subject, plain text and HTML alternatives. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Where a notice points: the agenda page, the calendar feed, and the subscriber's own links. */
export interface NoticeLinks {
  readonly page: string;
  readonly feed: string;
  readonly unsubscribe: string;
  readonly manage?: string;
}

/** What one release means to one subscriber: the input of the digest and of the webhooks. */
export interface ReleaseNoticeInput {
  readonly meeting: ExistingMeeting;
  readonly release: Release;
  /** the release's changes, already filtered to what concerns this subscriber (`changesConcerning`) */
  readonly changes: ReleaseChanges;
  readonly recipient: Recipient;
  readonly links: NoticeLinks;
}
