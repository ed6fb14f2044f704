/**
 * The logger a channel writes to: the structured (object, message) form that pino and Fastify's
 * `request.log` / `app.log` provide, so either can be passed as is. Channels log hosts, ids and
 * outcomes; never a secret, a signature, a URL path or query (they often carry tokens), an e-mail
 * body, nor a receiver's answer (it may echo them; logs cannot be erased when a subscriber leaves).
 *
 * @example
 * createWebhookSender({ log: app.log, ... })
 */
export interface ChannelLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}
