import { createHash, randomUUID } from 'node:crypto';

/**
 * A message rendered and serialised once, split where one per-recipient value goes (the
 * unsubscribe link): a fan-out to thousands costs a string join each instead of a rendering
 * each, and the outbox stores the template once and each recipient's value beside their row.
 */
export interface MessageTemplate {
  /** its content address: the same parts, the same id */
  readonly id: string;
  /** the message's JSON, split where the value goes */
  readonly parts: readonly string[];
}

/** What to render where the per-recipient value goes; unguessable, so no organiser's text holds it. */
export const STAND_IN = `stand-in-${randomUUID()}`;
// Characters that JSON, HTML escaping, bidi isolation and plain-text layout all leave as they are:
// a value made of them comes out of every renderer exactly as the stand-in did.
const INERT = /^[A-Za-z0-9\-._~:/?#=%+]+$/;

/**
 * Whether `value` may be filled into a template and give the bytes a rendering with it would.
 *
 * @example
 * fitsTemplate('https://notify.example.org/subscriptions/s-1/unsubscribe?token=Zm9v') //=> true
 * fitsTemplate('https://notify.example.org/?a=1&b=2') //=> false ("&" is escaped in HTML)
 */
export const fitsTemplate = (value: string): boolean => INERT.test(value);

/**
 * The template of a message rendered with `STAND_IN`.
 *
 * @example
 * fillTemplate(messageTemplate({ text: `Unsubscribe: ${STAND_IN}` }).parts, 'https://x.test/u') //=> '{"text":"Unsubscribe: https://x.test/u"}'
 */
export const messageTemplate = (message: unknown): MessageTemplate => {
  const parts = JSON.stringify(message).split(STAND_IN);
  return { id: `tpl_${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`, parts };
};

/** The JSON of a template's message with `value` where the stand-in was. */
export const fillTemplate = (parts: readonly string[], value: string): string => parts.join(value);
