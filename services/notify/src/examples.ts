// Examples of the OpenAPI document's routes: subscriptions to the reference meeting ("Meeting on
// local government and human rights", Europe/Zurich, 26 November 2025), one by e-mail from New
// York and one by webhook from Tokyo. The linter checks every example against its schema.

export const MEETING_ID = 'local-government-human-rights-2025';
export const SUBSCRIPTION_ID = '5f0c8f9e-3b7a-4d0e-9a53-1c2f6b8d4e21';
const WEBHOOK_URL = 'https://hooks.example.org/meridian';

export const SUBSCRIPTION_EXAMPLE = {
  id: SUBSCRIPTION_ID,
  meetingId: MEETING_ID,
  status: 'active',
  channel: { type: 'webhook', url: WEBHOOK_URL },
  timeZone: 'Asia/Tokyo',
  locale: 'en-GB',
  reminders: [1440, 15],
  sessionIds: null,
  invitations: false,
  eventTypes: null,
};

/** The answer to the body example of `POST /subscriptions`: pending until the mailed link is followed. */
export const CREATED_SUBSCRIPTION_EXAMPLE = {
  id: 'e8afcff6-4115-4219-bcdb-1b1a34c48a8d',
  meetingId: MEETING_ID,
  status: 'pending',
  channel: { type: 'email', address: 'participant@example.org' },
  timeZone: 'America/New_York',
  locale: 'en-US',
  reminders: [1440, 15],
  sessionIds: null,
  invitations: false,
  eventTypes: null,
  manageToken: 'dhpXRmZQ2iRiHhlkxEW2mHeX63eBG7WUjaLxBP3skKw',
};

export const PREFERENCES_EXAMPLE = { timeZone: 'America/New_York', reminders: [60, 15], sessionIds: ['session-1', 'session-2'] };

export const WEBHOOK_LIST_EXAMPLE = {
  webhooks: [{ id: SUBSCRIPTION_ID, url: WEBHOOK_URL, status: 'active', eventTypes: null, timeZone: 'Asia/Tokyo', locale: 'en-GB' }],
  next: null,
};

export const PING_EXAMPLE = { id: 'ntf_9d7a3e3c418361c562516da7e279e016', outcome: 'delivered', detail: 'HTTP 204' };

export const ROTATED_SECRET_EXAMPLE = {
  secret: 'whsec_Hm6sY50Pd2ZKbC/ARCOhwxDBqk+uxrXjPTnJACp3YIk=',
  previousSecretExpiresAt: '2025-11-19T09:30:00Z',
};

const FAILED_DELIVERY = {
  id: 'ntf_cf013d1ef4218fa3bc6206bfbc412859',
  subscriptionId: SUBSCRIPTION_ID,
  meetingId: MEETING_ID,
  kind: 'agenda.released',
  channel: 'webhook',
  status: 'failed',
  attempts: 8,
  lastError: 'HTTP 503 Service Unavailable',
  createdAt: '2025-11-18T09:30:00.000Z',
  deliveredAt: null,
};

export const DELIVERY_LIST_EXAMPLE = { deliveries: [FAILED_DELIVERY], next: null };

/** The same notification put back in line: pending, attempts reset. */
export const RETRIED_DELIVERY_EXAMPLE = { ...FAILED_DELIVERY, status: 'pending', attempts: 0, lastError: null };
