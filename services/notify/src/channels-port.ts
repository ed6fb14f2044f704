import type { EmailSender, WebhookSender } from './channels/index.ts';

/** The channels the delivery worker sends through. */
export interface Channels {
  /** null when no SMTP server is configured */
  readonly email: Pick<EmailSender, 'send'> | null;
  readonly webhook: Pick<WebhookSender, 'send'>;
}
