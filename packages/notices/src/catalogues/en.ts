/**
 * English: the reference catalogue. Its keys are the keys of every catalogue (the `Catalogue`
 * type forces them), its placeholders appear in every translation (a test checks them).
 * Placeholders are ICU style: `{name}`, and `{count, plural, one {…} other {…}}` with `#`.
 */
export const en = {
  // --- times: "15:00 CET · 09:00 your time (EST)" -------------------------------------------
  'time.meeting': '{time} {zone}',
  'time.viewer': '{time} your time ({zone})',
  'time.viewerShifted': '{time} your time ({zone}, {shift})',
  'time.both': '{meeting} · {viewer}',
  'time.dated': '{date}, {time}',
  'time.range': '{start}–{end}',
  'time.endpointShifted': '{time} ({shift})',
  'time.dayLater': '{days, plural, one {+# day} other {+# days}}',
  'time.dayEarlier': '{days, plural, one {−# day} other {−# days}}',

  // --- one changed session -------------------------------------------------------------------
  'change.added': 'New',
  'change.moved': 'Moved',
  'change.changed': 'Updated',
  'change.cancelled': 'Cancelled',
  'change.unfollowed': 'Removed from your calendar',
  'change.restored': 'Restored',
  'change.item': '{label}: {title}',
  'change.previously': 'Previously: {time}',
  'change.wasScheduled': 'Was scheduled: {time}',
  'change.fields': 'Changes: {fields}',
  'field.session.title': 'title',
  'field.session.kind': 'type of session',
  'field.session.description': 'description',
  'field.session.speakers': 'speakers',
  'field.session.track': 'track',
  'field.session.location': 'location',
  'field.session.documents': 'documents',

  // --- the meeting's own details -------------------------------------------------------------
  'meeting.heading': 'Meeting details',
  'meeting.changed': '{field}: {value}',
  'meeting.locationWithLink': '{name} — {url}',
  'field.meeting.title': 'Title',
  'field.meeting.description': 'Description',
  'field.meeting.location': 'Location',
  'field.meeting.timeZone': 'Time zone',
  'field.meeting.documents': 'Documents',

  // --- the release digest --------------------------------------------------------------------
  'digest.subject.published': 'Agenda published: {title}',
  'digest.subject.updated': 'Agenda updated ({label}): {title}',
  'digest.subject.cancelled': 'Meeting cancelled: {title}',
  'digest.lead.published': 'The agenda has been published ({label}, {date}).',
  'digest.lead.updated': 'A new version of the agenda has been released ({label}, {date}).',
  'digest.count.published': '{count, plural, one {It lists # session.} other {It lists # sessions.}}',
  'digest.count.updated': '{count, plural, =0 {No session has changed.} one {# session has changed.} other {# sessions have changed.}}',
  'digest.note': 'Note from the organisers: {note}',
  'digest.cancelled.heading': 'This meeting is cancelled.',
  'digest.cancelled.text': 'The meeting will not take place. All its sessions are cancelled; calendars that follow the agenda show them as cancelled.',
  'digest.cancelled.reason': 'Reason given: {reason}',
  'digest.zones.both': 'Times are given in the meeting’s time zone ({meetingZone}) and in yours ({viewerZone}).',
  'digest.zones.meeting': 'Times are given in the meeting’s time zone ({meetingZone}).',
  'digest.sessions.heading': 'Sessions',

  // --- links and footers ---------------------------------------------------------------------
  'link.line': '{label}: {url}',
  'link.page': 'View the agenda',
  'link.feed': 'Calendar feed',
  'link.manage': 'Manage your notices',
  'link.unsubscribe': 'Unsubscribe',
  'link.join': 'Join online',
  'footer.digest': 'You receive this message because you subscribed to notices about {title}.',

  // --- reminders: "Session 1 starts in 15 minutes" -------------------------------------------
  'reminder.subject': '{title} starts {when}',
  'reminder.line': '{title} starts {when} — {time}',
  'reminder.in.minutes': '{count, plural, =0 {now} one {in # minute} other {in # minutes}}',
  'reminder.in.hours': '{count, plural, one {in # hour} other {in # hours}}',
  'reminder.in.days': '{count, plural, one {in # day} other {in # days}}',
  'reminder.location': 'Location: {location}',
  'reminder.footer': 'You receive this reminder because you asked for it when you subscribed to notices about {title}.',

  // --- double opt-in -------------------------------------------------------------------------
  'confirm.subject': 'Please confirm your subscription: {title}',
  'confirm.intro': 'You asked to receive notices about {title}: changes to the agenda and reminders, with times in your time zone ({zone}).',
  'confirm.action': 'Confirm your subscription',
  'confirm.ignore': 'If you did not ask for this, please ignore this message: nothing will be sent without your confirmation.',

  // --- the pages a mail's confirm and unsubscribe links open -----------------------------------
  'page.requested.title': 'Check your mailbox',
  'page.requested.text': 'To receive the notices about {title}, open the confirmation link in the e-mail we have just sent you: nothing is sent before you confirm.',
  'page.confirm.button': 'Confirm',
  'page.confirmed.title': 'Subscription confirmed',
  'page.confirmed.text': 'You will receive the changes to the agenda of {title} and reminders of its sessions, with times in your time zone ({zone}).',
  'page.unsubscribe.text': 'Stop all notices and reminders about {title} from this subscription, and erase your address?',
  'page.unsubscribed.title': 'Unsubscribed',
  'page.unsubscribed.text': 'You will receive nothing more about {title} from this subscription; your address has been erased.',

  // --- body of an iTIP invitation ------------------------------------------------------------
  'invite.subject': '{label}: {title}',
  'invite.added': 'You are invited to {title} ({meeting}).',
  'invite.moved': '{title} ({meeting}) has moved to a new time.',
  'invite.changed': '{title} ({meeting}) has been updated.',
  'invite.cancelled': '{title} ({meeting}) is cancelled.',
  'invite.restored': '{title} ({meeting}) is back on the agenda.',
  'invite.unfollowed': '{title} ({meeting}) leaves your calendar, as you asked; the session itself is not cancelled.',
  'invite.attached.request': 'The attached invitation updates your calendar.',
  'invite.attached.cancel': 'The attached message removes this session from your calendar.',
} satisfies Record<string, string>;

/** A message of the catalogues. */
export type MessageKey = keyof typeof en;

/** A catalogue: every key of English, no other (object literals admit no extra keys). */
export type Catalogue = Readonly<Record<MessageKey, string>>;
