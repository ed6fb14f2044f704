import type { MeetingDetails, MeetingField } from '@meridian/domain';
import { asIs, type Localizer, type MessageValue } from '../localizer.ts';
import type { DigestMeetingChange } from './digest.ts';

/**
 * The meeting's changed details, each named in the reader's language with its new value.
 *
 * @example
 * meetingChanges(l, ['location'], details) //=> [{ field: 'location', text: 'Location: Online (MS Teams) — https://…' }]
 */
export const meetingChanges = (l: Localizer, fields: readonly MeetingField[], details: MeetingDetails): DigestMeetingChange[] =>
  fields.map((field) => ({
    field,
    text: l.t('meeting.changed', { field: asIs(l.t(`field.meeting.${field}`)), value: valueOf(l, field, details) }),
  }));

const NONE = '—';

const valueOf = (l: Localizer, field: MeetingField, details: MeetingDetails): MessageValue => {
  switch (field) {
    case 'title':
      return details.title;
    case 'description':
      return details.description ?? NONE;
    case 'timeZone':
      return details.timeZone;
    case 'location': {
      const location = details.location;
      if (location === null) return NONE;
      return location.url === null ? location.name : asIs(l.t('meeting.locationWithLink', { name: location.name, url: location.url }));
    }
    case 'documents':
      return details.documents.length === 0 ? NONE : asIs(l.list(details.documents.map((document) => l.isolate(document.title))));
  }
};
