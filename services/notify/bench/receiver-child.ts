/**
 * The far end of the notify benchmark, forked as a child process so that receiving costs the
 * other core, not the sender's: a node:http webhook receiver and an SMTP server (smtp-server),
 * both on 127.0.0.1. It counts what arrives by id (`webhook-id`, `Message-ID`) and by recipient
 * (the webhook URL's path, the SMTP envelope), and tells the parent over IPC the moment the
 * expected number of distinct messages has arrived. Not a test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What the parent asks. */
export type ReceiverCommand =
  | { readonly type: 'expect'; readonly channel: 'webhook' | 'email'; readonly count: number }
  | { readonly type: 'report' };

/** What the receiver says. */
export type ReceiverMessage =
  | { readonly type: 'listening'; readonly webhookUrl: string; readonly smtpUrl: string }
  | { readonly type: 'reached'; readonly channel: 'webhook' | 'email'; readonly count: number }
  | { readonly type: 'report'; readonly report: ReceiverReport };

export interface ReceiverReport {
  /** everything received since the last `expect` */
  readonly received: number;
  readonly distinctIds: number;
  readonly duplicates: number;
  readonly distinctRecipients: number;
  /** one message as received, to size a baseline on */
  readonly sample: { readonly headers: Record<string, string>; readonly body: string } | null;
}

let channel: 'webhook' | 'email' = 'webhook';
let expected = Infinity;
let received = 0;
let ids = new Set<string>();
let recipients = new Set<string>();
let duplicates = 0;
let sample: ReceiverReport['sample'] = null;

const arrived = (kind: 'webhook' | 'email', id: string, recipient: string) => {
  if (kind !== channel) return;
  received += 1;
  if (ids.has(id)) duplicates += 1;
  ids.add(id);
  recipients.add(recipient);
  if (ids.size === expected) process.send!({ type: 'reached', channel: kind, count: ids.size } satisfies ReceiverMessage);
};

const http = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    response.writeHead(204).end();
    const body = Buffer.concat(chunks).toString('utf8');
    if (sample === null && channel === 'webhook') {
      sample = { headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])), body };
    }
    arrived('webhook', String(request.headers['webhook-id']), request.url ?? '');
  });
});
http.keepAliveTimeout = 30_000;

const MESSAGE_ID = /^Message-ID:\s*(<[^>\r\n]+>)/im;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const message = Buffer.concat(chunks).toString('utf8');
      const head = message.slice(0, message.indexOf('\r\n\r\n'));
      if (sample === null && channel === 'email') sample = { headers: {}, body: message };
      arrived('email', MESSAGE_ID.exec(head)?.[1] ?? `no-id-${received}`, session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','));
      callback();
    });
  },
});

process.on('message', (command: ReceiverCommand) => {
  if (command.type === 'expect') {
    channel = command.channel;
    expected = command.count;
    received = 0;
    duplicates = 0;
    ids = new Set();
    recipients = new Set();
    sample = null;
    return;
  }
  process.send!({
    type: 'report',
    report: { received, distinctIds: ids.size, duplicates, distinctRecipients: recipients.size, sample },
  } satisfies ReceiverMessage);
});
process.on('disconnect', () => process.exit(0));

await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
process.send!({
  type: 'listening',
  webhookUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
  smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
} satisfies ReceiverMessage);
