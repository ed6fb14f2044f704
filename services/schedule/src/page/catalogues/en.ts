/**
 * English: the reference catalogue of the agenda page. Its keys are the keys of every page
 * catalogue (`PageCatalogue` forces them); its placeholders appear in every translation (a test
 * checks them). Same message syntax as `@meridian/notices`: `{name}`, and
 * `{count, plural, one {…} other {…}}` with `#`. Keys starting with `client.` are also sent to the
 * page's script, which fills `{name}` only: they must not use plurals (a test checks that too).
 */
export const en = {
  'doc.title': '{title} – agenda',
  'skip': 'Skip to the programme',
  'nav.language': 'Language',
  'header.kicker': 'Agenda',
  'header.version': '{label}, released {date}',
  'header.location': 'Location: {location}',
  'header.join': 'Join online',
  'meeting.cancelled': 'This meeting has been cancelled. Its sessions will not take place.',
  'about.heading': 'About the meeting',
  'about.documents': 'Background documents',

  'zone.heading': 'Time zone',
  'zone.label': 'Show times in',
  'zone.submit': 'Show',
  'client.zone.same': 'Times are in the meeting’s time zone, {zone}.',
  'client.zone.differs': 'Times are shown in the meeting’s time zone ({meetingZone}) and in {viewerZone}.',
  'client.zone.detected': 'Your browser’s time zone, {zone}, is used.',
  'client.dst': 'Clocks in {zone} change on {date} ({from} → {to}), between today and the meeting. The times shown already allow for it.',
  'zone.unknown': '“{value}” is not a time zone. Choose one from the list.',
  'zone.suggestions': 'Perhaps you meant: {zones}.',

  'programme.heading': 'Programme',
  'programme.empty': 'No session is scheduled yet.',
  'col.meeting': 'Meeting time',
  'col.viewer': 'Your time',
  'col.session': 'Session',
  'session.cancelled': 'Cancelled',
  'session.speakers': 'Speakers: {names}',
  'session.add': 'Add to calendar',

  'subscribe.heading': 'Add the agenda to your calendar',
  'subscribe.intro': 'A subscribed calendar follows every new version of the agenda.',
  'subscribe.webcal': 'Subscribe in your calendar app',
  'subscribe.google': 'Add to Google Calendar',
  'subscribe.outlook': 'Add to Outlook',
  'subscribe.download': 'Download the calendar file (.ics)',
  'subscribe.feed': 'Feed address, for other calendar apps',

  'notify.heading': 'Notify me of changes',
  'client.notify.intro': 'Receive an e-mail when the agenda changes, and reminders before each session, with times in {zone}.',
  'notify.email': 'E-mail address',
  'notify.submit': 'Notify me',
  'client.notify.sending': 'Sending…',
  'client.notify.sent': 'Almost done: a message is on its way to {address}. Follow its link to confirm.',
  'client.notify.failed': 'That did not work: {reason}',
  'client.notify.unreachable': 'The notification service could not be reached. Please try again later.',

  'history.heading': 'Versions of the agenda',
  'history.released': 'Released {date}',
  'history.published': '{count, plural, =0 {First published, with no session yet.} one {First published, with # session.} other {First published, with # sessions.}}',
  'history.cancelled': 'The meeting was cancelled.',
  'history.note': 'Note from the organisers: {note}',
  'history.meeting': 'Meeting details changed: {fields}',
  'history.latest': 'latest',

  'error.not-found.title': 'Agenda not found',
  'error.not-found.text': 'No agenda has been published at this address. Check the link you were given, or ask the organisers for it.',
  'error.invalid.title': 'This address cannot be shown',
  'error.invalid.text': 'Part of the address is not valid: the details below say which. Check the link you were given.',
  'error.unavailable.title': 'The agenda cannot be shown right now',
  'error.unavailable.text': 'Please try again in a few moments.',
  'error.details': 'Details',

  'footer.json': 'Agenda data (JSON)',
  'footer.feed': 'Calendar feed (.ics)',
  'footer.rules': 'Session times are fixed in {zone}; other zones are computed with the time zone rules in force.',
} satisfies Record<string, string>;

/** A message of the page catalogues. */
export type PageMessageKey = keyof typeof en;

/** A page catalogue: every key of English, no other. */
export type PageCatalogue = Readonly<Record<PageMessageKey, string>>;
