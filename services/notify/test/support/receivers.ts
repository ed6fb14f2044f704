import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A real SMTP server on 127.0.0.1 that keeps every message it receives, parsed. */
export const startSmtpReceiver = async (): Promise<{ url: string; mails: ParsedMail[]; envelopes: string[][]; close(): Promise<void>; waitFor(count: number, ms?: number): Promise<ParsedMail[]> }> => {
  const mails: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          envelopes.push(session.envelope.rcptTo.map((rcpt) => rcpt.address));
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    envelopes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
    waitFor: (count, ms = 15_000) => waitUntil(() => (mails.length >= count ? mails : undefined), ms, `${count} mails (got ${mails.length})`),
  };
};

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A real HTTP receiver on 127.0.0.1 that answers each webhook with `status` (default 204), and `body` if given. */
export const startWebhookReceiver = async (
  respond: (request: ReceivedWebhook) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 204 }),
): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void>; waitFor(count: number, ms?: number): Promise<ReceivedWebhook[]> }> => {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const webhook = { headers: request.headers, body };
      received.push(webhook);
      const answer = respond(webhook);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/meridian`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    waitFor: (count, ms = 15_000) => waitUntil(() => (received.length >= count ? received : undefined), ms, `${count} webhooks (got ${received.length})`),
  };
};

/** Polls `check` until it answers something, or fails after `ms`. */
export const waitUntil = async <T>(check: () => T | undefined, ms: number, what: string): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = check();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
