import type { SessionChange } from '@meridian/domain';
import type { ReleaseNoticeInput } from '../notice-types.ts';
import { webhookChange, webhookRelease, type WebhookRelease, type WebhookSessionChange } from './webhook-change.ts';

/** The per-session webhook types, for integrators who subscribe to them. */
export type SessionWebhookType = 'session.added' | 'session.rescheduled' | 'session.changed' | 'session.cancelled' | 'session.restored';

export interface SessionWebhookEvent {
  readonly type: SessionWebhookType;
  readonly data: WebhookRelease & Readonly<{ session: WebhookSessionChange }>;
}

const TYPES: Readonly<Record<SessionChange['kind'], SessionWebhookType>> = {
  added: 'session.added',
  moved: 'session.rescheduled',
  changed: 'session.changed',
  cancelled: 'session.cancelled',
  restored: 'session.restored',
};

/**
 * One webhook event per changed session of a release, in the diff's order, with the same time
 * shape as `agenda.released`. A meeting cancellation gives one `session.cancelled` per session.
 *
 * @example
 * sessionWebhookEvents(input).map((event) => event.type) //=> ['session.rescheduled']
 */
export const sessionWebhookEvents = ({ meeting, release, changes, recipient }: ReleaseNoticeInput): SessionWebhookEvent[] => {
  const zones = { meetingZone: release.details.timeZone, viewerZone: recipient.timeZone, locale: recipient.locale };
  const common = webhookRelease(meeting.id, release, recipient);
  return changes.sessions.map((change) => ({ type: TYPES[change.kind], data: { ...common, session: webhookChange(change, zones) } }));
};
