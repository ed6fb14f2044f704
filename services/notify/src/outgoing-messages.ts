import { BoundedMemo, Temporal } from '@meridian/domain';
import type { MessageTemplatesTable } from './db/message-templates.ts';
import type { OutboxMessage, RecordedMessage } from './db/outbox.ts';
import { webhookBody } from './channels/webhook-sender.ts';
import { fillTemplate, STAND_IN } from './message-template.ts';

/** What a channel is handed for a recorded notification: an e-mail's parts, or a webhook's body as sent. */
export type OutgoingMessage = Extract<OutboxMessage, { channel: 'email' }> | Readonly<{ channel: 'webhook'; type: string; body: string }>;

/** A shared template made ready once: its message's JSON, or a webhook's body, split where each notification's own value goes. */
type PreparedTemplate = Readonly<{ channel: 'email'; parts: readonly string[] }> | Readonly<{ channel: 'webhook'; type: string; bodyParts: readonly string[] }>;

// Templates made ready and kept: a fan-out's deliveries share a few dozen.
const KEPT = 256;

/**
 * Turns recorded messages into what the channels send. The webhooks of one shared template (a
 * fan-out's thousands) get their body serialised once, with the stand-in, and filled in per
 * notification: a string join, where parsing the message, formatting its timestamp and serialising
 * it again cost each delivery tens of microseconds. The value filled in is inert to JSON
 * (`fitsTemplate`), so the join gives the very bytes that serialising the filled-in message would.
 * Templates never change, so what was made of one is kept, by its id (the least recently used dropped first).
 *
 * @example
 * const outgoing = outgoingMessages(tables.templates)
 * outgoing({ templateId: 'tpl_…', fill: 'https://notify.example.org/subscriptions/s-1/unsubscribe?token=…' })
 * //=> { channel: 'webhook', type: 'agenda.released', body: '{"type":"agenda.released","timestamp":…}' }
 */
export const outgoingMessages = (templates: MessageTemplatesTable): ((recorded: RecordedMessage) => OutgoingMessage) => {
  const kept = new BoundedMemo<string, PreparedTemplate>(KEPT);
  const prepared = (templateId: string): PreparedTemplate => kept.get(templateId) ?? kept.set(templateId, prepare(templates.partsOf(templateId)));
  return (recorded) => {
    if (recorded.templateId === null) return outgoing(JSON.parse(recorded.json) as OutboxMessage);
    const template = prepared(recorded.templateId);
    if (template.channel === 'email') return JSON.parse(fillTemplate(template.parts, recorded.fill)) as OutgoingMessage;
    return { channel: 'webhook', type: template.type, body: fillTemplate(template.bodyParts, recorded.fill) };
  };
};

const prepare = (parts: readonly string[]): PreparedTemplate => {
  const message = JSON.parse(fillTemplate(parts, STAND_IN)) as OutboxMessage;
  if (message.channel === 'email') return { channel: 'email', parts };
  return { channel: 'webhook', type: message.type, bodyParts: bodyOf(message).split(STAND_IN) };
};

const bodyOf = (message: Extract<OutboxMessage, { channel: 'webhook' }>): string =>
  webhookBody({ type: message.type, timestamp: Temporal.Instant.from(message.timestamp), data: message.data });

const outgoing = (message: OutboxMessage): OutgoingMessage =>
  message.channel === 'email' ? message : { channel: 'webhook', type: message.type, body: bodyOf(message) };
