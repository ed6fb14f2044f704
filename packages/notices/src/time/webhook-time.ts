import type { Endpoint } from './endpoint.ts';

/** An instant as webhooks carry it: UTC, the meeting's clock and the subscriber's clock. */
export interface WebhookTime {
  /** e.g. `2025-11-26T14:30:00Z`: the domain's instant, unchanged */
  readonly utc: string;
  readonly meeting: Readonly<{ local: string; offset: string; abbreviation: string }>;
  readonly subscriber: Readonly<{ local: string; offset: string; abbreviation: string; timeZone: string; dayShift: number }>;
}

/**
 * The webhook shape of a projected instant.
 *
 * @example
 * webhookTime(endpointOf('2025-11-26T14:30:00Z', { meetingZone: 'Europe/Zurich', viewerZone: 'Asia/Tokyo', locale: 'en-GB' }, 'en-GB'), 'Asia/Tokyo')
 * //=> { utc: '2025-11-26T14:30:00Z', meeting: { local: '2025-11-26T15:30', offset: '+01:00', abbreviation: 'CET' },
 * //     subscriber: { local: '2025-11-26T23:30', offset: '+09:00', abbreviation: 'GMT+9', timeZone: 'Asia/Tokyo', dayShift: 0 } }
 */
export const webhookTime = (endpoint: Endpoint, viewerZone: string): WebhookTime => {
  const { projected } = endpoint;
  return {
    utc: projected.instant,
    meeting: { local: projected.meeting, offset: projected.meetingOffset, abbreviation: endpoint.meetingAbbreviation },
    subscriber: {
      local: projected.local,
      offset: projected.offset,
      abbreviation: projected.abbreviation,
      timeZone: viewerZone,
      dayShift: projected.dayShift,
    },
  };
};
