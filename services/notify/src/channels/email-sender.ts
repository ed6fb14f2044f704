import { createTransport } from 'nodemailer';
import type { NodemailerError } from 'nodemailer/lib/errors';
import type { DeliveryResult } from './delivery-result.ts';
import { EmailConfigError, SmtpUnavailableError } from './errors.ts';
import { singleAddress } from './mailbox.ts';

/** Where and how the notify service sends mail. */
export interface EmailSenderOptions {
  /** `SMTP_URL`, e.g. `smtp://127.0.0.1:1025` or `smtps://user:pass@mail.example.com` (never logged) */
  readonly smtpUrl: string;
  /** the From header, e.g. `Meridian <notify@meridian.example>`; its domain names the Message-IDs */
  readonly from: string;
  /** DKIM signing, when a key is configured */
  readonly dkim?: { readonly domainName: string; readonly keySelector: string; readonly privateKey: string } | undefined;
  /** pooled SMTP connections (default 5) */
  readonly maxConnections?: number | undefined;
  /** the hard limit of one send, queueing in the pool included (default 60 s) */
  readonly sendTimeoutMs?: number | undefined;
}

/** One e-mail to one recipient. */
export interface EmailMessage {
  /** exactly one recipient: every subscriber gets a message of their own, never a BCC */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The signed one-click unsubscribe link (RFC 8058) and an optional mailto. With an https `url`
   * the message also says `List-Unsubscribe-Post: List-Unsubscribe=One-Click`; RFC 8058 allows the
   * one-click POST only to an https URI, so an http URL (development) gets the link alone.
   */
  readonly listUnsubscribe?: { readonly url: string; readonly mailto?: string | undefined } | undefined;
  /** an iTIP message, one session per message: sent as a `text/calendar; method=…` alternative */
  readonly icalEvent?: { readonly method: 'REQUEST' | 'CANCEL'; readonly content: string } | undefined;
  /** the outbox id: the Message-ID becomes `<id@from-domain>`, the same on every retry */
  readonly messageId?: string | undefined;
}

export interface EmailSender {
  /** Sends one message once; never rejects: every failure is a `DeliveryResult`. */
  send(message: EmailMessage): Promise<DeliveryResult>;
  /** Checks that the SMTP server answers and accepts the configuration; throws `SmtpUnavailableError`. */
  verify(): Promise<void>;
  /** Closes the pooled connections. */
  close(): void;
}

// RFC 5322 dot-atom-text: what may stand left of the @ of a Message-ID without quoting.
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Errors that say the message itself cannot be sent, whatever the server's mood.
const PERMANENT_CODES = new Set(['ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS', 'EOTP']);
// Errors of the connection's setup (TLS, login), before any message is offered.
const SETUP_CODES = new Set(['ETLS', 'EAUTH']);

/**
 * An SMTP sender over a pooled nodemailer transport: one recipient per message (the envelope names
 * only that one), text and HTML alternatives, RFC 8058 `List-Unsubscribe` headers, an iTIP
 * `text/calendar` part, DKIM when configured, and a Message-ID derived from the outbox id so a
 * retried send is recognisable. SMTP 4xx, timeouts and connection failures retry; 5xx fail for good.
 *
 * @example
 * const mail = createEmailSender({ smtpUrl: process.env.SMTP_URL!, from: 'Meridian <notify@meridian.example>' })
 * await mail.send({ to: 'ada@example.org', subject: 'Rev.2 of the agenda', text, html,
 *   listUnsubscribe: { url: 'https://meridian.example/unsubscribe?token=…' }, messageId: outboxId })
 * //=> { outcome: 'delivered', detail: '250 OK: queued as 1B2C' }
 */
export const createEmailSender = (options: EmailSenderOptions): EmailSender => {
  const fromAddress = singleAddress(options.from);
  const domain = fromAddress?.split('@')[1];
  if (fromAddress === undefined || !domain) throw new EmailConfigError('from must be one address with a domain');
  const sendTimeoutMs = options.sendTimeoutMs ?? 60_000;
  let transport: ReturnType<typeof createPool>;
  try {
    transport = createPool(options);
  } catch (error) {
    throw new EmailConfigError(`SMTP_URL is not usable (${(error as NodemailerError).code ?? 'unreadable'})`);
  }

  const send = async (message: EmailMessage): Promise<DeliveryResult> => {
    // 1. what the caller asks for must be sendable at all
    const to = singleAddress(message.to);
    if (to === undefined) return { outcome: 'failed', reason: 'an e-mail goes to exactly one recipient address' };
    const messageId = message.messageId === undefined ? undefined : messageIdOf(message.messageId, domain);
    if (messageId === null) return { outcome: 'failed', reason: 'messageId must be a dot-atom, such as an outbox UUID' };
    const ical = message.icalEvent;
    if (ical !== undefined && !new RegExp(`^METHOD:${ical.method}\\r?$`, 'm').test(ical.content)) {
      return { outcome: 'failed', reason: `the iCalendar object does not say METHOD:${ical.method}` };
    }
    const unsubscribe = message.listUnsubscribe;
    const oneClick = unsubscribe !== undefined && unsubscribe.url.startsWith('https://');

    // 2. the send, bounded in time
    try {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        envelope: { from: fromAddress, to: [to] },
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(messageId === undefined ? {} : { messageId }),
        headers: { ...message.headers, ...(oneClick ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}) },
        ...(unsubscribe === undefined
          ? {}
          : { list: { unsubscribe: [unsubscribe.mailto === undefined ? [unsubscribe.url] : [unsubscribe.url, unsubscribe.mailto]] } }),
        ...(ical === undefined ? {} : { icalEvent: { method: ical.method, content: ical.content, filename: 'invite.ics' } }),
        signal: AbortSignal.timeout(sendTimeoutMs),
      });
      return { outcome: 'delivered', detail: info.response };
    } catch (error) {
      return judge(error as NodemailerError, sendTimeoutMs);
    }
  };

  return {
    send,
    verify: async () => {
      try {
        await transport.verify();
      } catch (error) {
        throw new SmtpUnavailableError({ cause: error });
      }
    },
    close: () => transport.close(),
  };
};

const createPool = (options: EmailSenderOptions) =>
  createTransport({
    url: options.smtpUrl,
    ...(sendsCredentials(options.smtpUrl) && { requireTLS: true }),
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    maxMessages: 100,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(options.dkim === undefined ? {} : { dkim: { ...options.dkim } }),
  });

/**
 * Whether an `smtp://` URL carries credentials that must go over STARTTLS or not at all: nodemailer
 * upgrades only when the server offers it, so a relay that does not (or anyone on the path who
 * strips the offer) would receive the password in clear. `?requireTLS=false` in the URL is the
 * operator's explicit choice otherwise; `smtps://` is encrypted from the start.
 */
const sendsCredentials = (smtpUrl: string): boolean => {
  const url = new URL(smtpUrl);
  return url.protocol === 'smtp:' && url.username !== '' && url.searchParams.get('requireTLS') !== 'false';
};

/** `<id@domain>` for an outbox id (kept as is when already a Message-ID); null when unusable. */
const messageIdOf = (id: string, domain: string): string | null => {
  if (/^<[^<>\s@]+@[^<>\s@]+>$/.test(id)) return id;
  return DOT_ATOM.test(id) ? `<${id}@${domain}>` : null;
};

/** The outcome of a failed send. */
const judge = (error: NodemailerError, sendTimeoutMs: number): DeliveryResult => {
  // A refused STARTTLS or login comes with a 5xx reply, but says nothing of the message: the
  // server or its configuration may be mended, and the message then goes.
  if (error.code !== undefined && SETUP_CODES.has(error.code)) return { outcome: 'retry', reason: `${error.code}: ${error.message}` };
  if (typeof error.responseCode === 'number') {
    const said = `SMTP ${(error.response ?? String(error.responseCode)).replace(/\s+/g, ' ').slice(0, 300)}`;
    // nodemailer reads the reply class: 5xx permanent except 503 (a bad sequence, not a refusal).
    const permanent = error.permanent ?? error.responseCode >= 500;
    return permanent ? { outcome: 'failed', reason: said } : { outcome: 'retry', reason: said };
  }
  if (error.code === 'EABORT' || error.name === 'AbortError' || error.name === 'TimeoutError') {
    return { outcome: 'retry', reason: `no answer from the SMTP server within ${sendTimeoutMs} ms` };
  }
  if (error.code !== undefined && PERMANENT_CODES.has(error.code)) return { outcome: 'failed', reason: `${error.code}: ${error.message}` };
  // Connection, DNS, TLS, timeouts, authentication: the server or its configuration may recover.
  return { outcome: 'retry', reason: `${error.code ?? error.name}: ${error.message}` };
};
