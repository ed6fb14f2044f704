import { createHash } from 'node:crypto';

/**
 * A notification id derived only from what identifies it, so a crash, a restart or a second
 * worker records the same notification under the same id (and a webhook keeps its `webhook-id`).
 *
 * @example
 * notificationId('sub-1', 'release:3', 'agenda.released', '-') //=> 'ntf_5f1c…' (32 hex digits)
 */
export const notificationId = (...parts: readonly (string | number)[]): string =>
  `ntf_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
