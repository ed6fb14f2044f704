import type { ActiveSubscription } from './db/subscriptions-table.ts';

/**
 * Whether a subscription wants the notices of a webhook event type: a webhook those its
 * `eventTypes` name (null: all); an e-mail subscription every notice (event types are a webhook
 * preference).
 *
 * @example
 * wantsEventType({ ...subscription, channel: 'webhook', eventTypes: ['agenda.released'] }, 'reminder.due') //=> false
 * wantsEventType({ ...subscription, channel: 'email', eventTypes: null }, 'reminder.due') //=> true
 */
export const wantsEventType = (subscription: Pick<ActiveSubscription, 'channel' | 'eventTypes'>, type: string): boolean =>
  subscription.channel !== 'webhook' || subscription.eventTypes === null || subscription.eventTypes.includes(type);
