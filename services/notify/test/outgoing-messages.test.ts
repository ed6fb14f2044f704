import t from 'tap';
import { Temporal } from '@meridian/domain';
import { webhookBody } from '../src/channels/webhook-sender.ts';
import { messageTemplate, STAND_IN } from '../src/message-template.ts';
import { outgoingMessages } from '../src/outgoing-messages.ts';
import { openTestTables } from './support/tables.ts';

t.test('a templated webhook is sent with the very bytes of its filled-in message, serialised', async (t) => {
  const { tables } = openTestTables(t);
  const outgoing = outgoingMessages(tables.templates);
  const message = (unsubscribe: string) => ({
    channel: 'webhook' as const,
    type: 'agenda.released',
    timestamp: '2031-03-17T08:00:00.000Z',
    data: { title: 'Forum « Genève » — "Rev.2"', links: { unsubscribe }, sessions: [{ id: 'opening', start: '2031-03-17T09:05' }] },
  });
  const template = messageTemplate(message(STAND_IN));
  tables.templates.save(template);
  const fill = 'https://notify.example.org/subscriptions/s-1/unsubscribe?token=Zm9v';
  const expected = webhookBody({ ...message(fill), timestamp: Temporal.Instant.from('2031-03-17T08:00:00.000Z') });
  for (const attempt of ['first', 'second (prepared template kept)']) {
    t.same(outgoing({ templateId: template.id, fill }), { channel: 'webhook', type: 'agenda.released', body: expected }, attempt);
  }
  t.same(outgoing({ templateId: null, json: JSON.stringify(message(fill)) }), { channel: 'webhook', type: 'agenda.released', body: expected }, 'a message recorded whole gives the same body');
});

t.test('a templated e-mail comes out filled in, as recorded', async (t) => {
  const { tables } = openTestTables(t);
  const email = (unsubscribe: string) => ({ channel: 'email' as const, subject: 'Rev.2', text: `Unsubscribe: ${unsubscribe}`, html: `<a href="${unsubscribe}">Unsubscribe</a>`, listUnsubscribe: unsubscribe, icalEvent: null });
  const template = messageTemplate(email(STAND_IN));
  tables.templates.save(template);
  const fill = 'https://notify.example.org/subscriptions/s-2/unsubscribe?token=YmFy';
  t.same(outgoingMessages(tables.templates)({ templateId: template.id, fill }), email(fill));
});
