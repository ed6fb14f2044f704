import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { createEmailSender, type EmailMessage } from '../../src/channels/email-sender.ts';
import { EmailConfigError, SmtpUnavailableError } from '../../src/channels/errors.ts';

interface Delivered {
  readonly envelope: SMTPServerEnvelope;
  readonly raw: Buffer;
}

/** A real SMTP server on 127.0.0.1 that refuses some recipients with the codes a mail server uses. */
const startSmtpServer = async (options: { stallData?: boolean } = {}) => {
  const delivered: Delivered[] = [];
  const refuse = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('full@')) return callback(refuse('4.2.2 Mailbox full, try again later', 452));
      if (address.address.startsWith('nobody@')) return callback(refuse('5.1.1 No such user here', 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.stallData) return; // accepts the data and never answers
        delivered.push({ envelope: structuredClone(session.envelope), raw: Buffer.concat(chunks) });
        if (session.envelope.rcptTo[0]?.address.startsWith('spam@')) return callback(refuse('5.7.1 Message rejected as spam', 554));
        callback(null, 'queued as M1');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, delivered, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

const headerLine = (mail: ParsedMail, name: string) => mail.headerLines.find((line) => line.key === name)?.line;

const message = (to: string, extra: Partial<EmailMessage> = {}): EmailMessage => ({
  to,
  subject: 'Rev.2 of the agenda — 3 changes',
  text: 'Opening moved to 09:20 (Europe/Zurich), 08:20 UTC.',
  html: '<p>Opening moved to <b>09:20</b> (Europe/Zurich), 08:20 UTC.</p>',
  listUnsubscribe: { url: 'https://meridian.example/subscriptions/sub-1/unsubscribe?sig=abc', mailto: 'unsubscribe+sub-1@meridian.example' },
  ...extra,
});

const invitation = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Meridian//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:session-s1@meridian.example',
  'SEQUENCE:2',
  'DTSTAMP:20251120T100000Z',
  'DTSTART:20251126T082000Z',
  'DTEND:20251126T090000Z',
  'SUMMARY:Opening',
  'ORGANIZER:mailto:organiser@meridian.example',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

const smtp = await startSmtpServer();
t.teardown(smtp.close);
const mail = createEmailSender({ smtpUrl: smtp.url, from: 'Meridian <notify@meridian.example>' });
t.teardown(() => mail.close());

t.test('a digest arrives with text and HTML, one-click unsubscribe headers and a Message-ID from the outbox id', async (t) => {
  const result = await mail.send(message('Ada Lovelace <ada@example.org>', { messageId: '0b6c3f7e-2d7a-4c1e-9a55-3f1f1c2b9d10', headers: { 'X-Meridian-Release': '2' } }));
  t.same(result, { outcome: 'delivered', detail: '250 queued as M1' }, "the server's answer is kept");
  const got = smtp.delivered.at(-1)!;
  t.same(got.envelope.rcptTo.map((rcpt) => rcpt.address), ['ada@example.org'], 'the envelope names the one recipient');
  t.equal(got.envelope.mailFrom && got.envelope.mailFrom.address, 'notify@meridian.example');
  const parsed = await simpleParser(got.raw);
  t.equal(parsed.text?.trim(), 'Opening moved to 09:20 (Europe/Zurich), 08:20 UTC.');
  t.equal(parsed.html, '<p>Opening moved to <b>09:20</b> (Europe/Zurich), 08:20 UTC.</p>');
  t.equal(parsed.subject, 'Rev.2 of the agenda — 3 changes');
  t.equal(parsed.messageId, '<0b6c3f7e-2d7a-4c1e-9a55-3f1f1c2b9d10@meridian.example>');
  t.equal(headerLine(parsed, 'list-unsubscribe')?.replace(/\r?\n\s+/g, ' '), 'List-Unsubscribe: <https://meridian.example/subscriptions/sub-1/unsubscribe?sig=abc>, <mailto:unsubscribe+sub-1@meridian.example>');
  t.equal(headerLine(parsed, 'list-unsubscribe-post'), 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  t.equal(headerLine(parsed, 'x-meridian-release'), 'X-Meridian-Release: 2');
  t.notOk(headerLine(parsed, 'bcc') ?? headerLine(parsed, 'cc'), 'no Cc, no Bcc');
});

t.test('a retried send carries the same Message-ID', async (t) => {
  await mail.send(message('bob@example.org', { messageId: 'outbox-42' }));
  await mail.send(message('bob@example.org', { messageId: 'outbox-42' }));
  const ids = await Promise.all(smtp.delivered.slice(-2).map(async (entry) => (await simpleParser(entry.raw)).messageId));
  t.same(ids, ['<outbox-42@meridian.example>', '<outbox-42@meridian.example>']);
  t.match(await mail.send(message('bob@example.org', { messageId: 'not an id' })), { outcome: 'failed', reason: /dot-atom/ });
});

t.test('an http unsubscribe link gets no one-click header: RFC 8058 allows the POST only to https', async (t) => {
  await mail.send(message('carol@example.org', { listUnsubscribe: { url: 'http://127.0.0.1:3001/unsubscribe?sig=abc' } }));
  const parsed = await simpleParser(smtp.delivered.at(-1)!.raw);
  t.equal(headerLine(parsed, 'list-unsubscribe'), 'List-Unsubscribe: <http://127.0.0.1:3001/unsubscribe?sig=abc>');
  t.equal(headerLine(parsed, 'list-unsubscribe-post'), undefined);
});

t.test('an invitation carries the iCalendar object as a text/calendar; method=REQUEST alternative', async (t) => {
  t.equal((await mail.send(message('dan@example.org', { icalEvent: { method: 'REQUEST', content: invitation } }))).outcome, 'delivered');
  const raw = smtp.delivered.at(-1)!.raw.toString('utf8');
  t.match(raw, /Content-Type: multipart\/alternative;/);
  t.match(raw, /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
  const parsed = await simpleParser(smtp.delivered.at(-1)!.raw);
  const calendar = parsed.attachments.find((part) => part.contentType === 'text/calendar');
  t.ok(calendar, 'mailparser finds the text/calendar part');
  t.equal(calendar?.content.toString('utf8'), invitation, 'byte for byte');
  t.equal(parsed.text?.trim(), 'Opening moved to 09:20 (Europe/Zurich), 08:20 UTC.', 'beside the text');
  t.ok(parsed.html, 'and the HTML');

  const cancel = invitation.replace('METHOD:REQUEST', 'METHOD:CANCEL');
  t.equal((await mail.send(message('dan@example.org', { icalEvent: { method: 'CANCEL', content: cancel } }))).outcome, 'delivered');
  t.match(smtp.delivered.at(-1)!.raw.toString('utf8'), /Content-Type: text\/calendar; charset=utf-8; method=CANCEL/);
  t.match(await mail.send(message('dan@example.org', { icalEvent: { method: 'CANCEL', content: invitation } })), {
    outcome: 'failed',
    reason: /does not say METHOD:CANCEL/,
  });
});

t.test('one recipient per message: a list of addresses is refused', async (t) => {
  const before = smtp.delivered.length;
  for (const to of ['ada@example.org, bob@example.org', 'team: ada@example.org, bob@example.org;', '', 'not an address']) {
    t.match(await mail.send(message(to)), { outcome: 'failed', reason: /exactly one recipient/ }, JSON.stringify(to));
  }
  t.equal(smtp.delivered.length, before, 'nothing was sent');
});

t.test('SMTP 452 retries, 550 and 554 fail for good', async (t) => {
  t.same(await mail.send(message('full@example.org')), { outcome: 'retry', reason: 'SMTP 452 4.2.2 Mailbox full, try again later' });
  t.same(await mail.send(message('nobody@example.org')), { outcome: 'failed', reason: 'SMTP 550 5.1.1 No such user here' });
  t.same(await mail.send(message('spam@example.org')), { outcome: 'failed', reason: 'SMTP 554 5.7.1 Message rejected as spam' });
});

t.test('an unreachable server and a stalled one retry', async (t) => {
  const gone = await startSmtpServer();
  await gone.close();
  const unreachable = createEmailSender({ smtpUrl: gone.url, from: 'notify@meridian.example' });
  t.teardown(() => unreachable.close());
  t.match(await unreachable.send(message('ada@example.org')), { outcome: 'retry', reason: /ECONNREFUSED|ESOCKET|ECONNECTION/ });
  await t.rejects(unreachable.verify(), SmtpUnavailableError);

  const stalled = await startSmtpServer({ stallData: true });
  t.teardown(stalled.close);
  const patient = createEmailSender({ smtpUrl: stalled.url, from: 'notify@meridian.example', sendTimeoutMs: 400 });
  t.teardown(() => patient.close());
  t.same(await patient.send(message('ada@example.org')), { outcome: 'retry', reason: 'no answer from the SMTP server within 400 ms' });
});

t.test('verify() succeeds against a working server; bad settings are named errors', async (t) => {
  await t.resolves(mail.verify());
  t.throws(() => createEmailSender({ smtpUrl: smtp.url, from: 'Meridian' }), EmailConfigError);
  t.throws(() => createEmailSender({ smtpUrl: smtp.url, from: 'a@x.example, b@x.example' }), EmailConfigError);
});

t.test('with a DKIM key the message is signed, and an independent verifier (mailauth) passes it', async (t) => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
  const signed = createEmailSender({
    smtpUrl: smtp.url,
    from: 'Meridian <notify@meridian.example>',
    dkim: { domainName: 'meridian.example', keySelector: 'mer2025', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  });
  t.teardown(() => signed.close());
  t.equal((await signed.send(message('erin@example.org', { messageId: 'outbox-dkim', icalEvent: { method: 'REQUEST', content: invitation } }))).outcome, 'delivered');
  const raw = smtp.delivered.at(-1)!.raw;
  const parsed = await simpleParser(raw);
  const dkimHeader = headerLine(parsed, 'dkim-signature')?.replace(/\r?\n\s+/g, ' ') ?? '';
  t.match(dkimHeader, /d=meridian\.example; .*s=mer2025/);
  t.match(dkimHeader, /h=[^;]*List-Unsubscribe:List-Unsubscribe-Post/i, 'the signature covers both unsubscribe headers (RFC 8058)');

  const lookups: string[] = [];
  const resolver = async (name: string, type: string) => {
    lookups.push(`${type} ${name}`);
    if (type === 'TXT' && name === 'mer2025._domainkey.meridian.example') return [[record]];
    throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' });
  };
  const verdict = await dkimVerify(raw, { resolver });
  t.equal(verdict.results.length, 1);
  t.equal(verdict.results[0]?.status.result, 'pass', verdict.results[0]?.info ?? 'no result');
  t.equal(verdict.results[0]?.signingDomain, 'meridian.example');
  t.same(lookups, ['TXT mer2025._domainkey.meridian.example']);

  // A message changed in transit no longer verifies.
  const tampered = Buffer.from(raw.toString('utf8').replace('Opening moved to 09:20', 'Opening moved to 10:20'));
  const broken = (await dkimVerify(tampered, { resolver })).results[0];
  t.not(broken?.status.result, 'pass', `tampered: ${broken?.status.result}`);
  t.match(broken?.status.comment, /body hash did not verify/);

  const unsigned = (await dkimVerify(smtp.delivered[0]!.raw, { resolver })).results[0]?.status.result;
  t.equal(unsigned, 'none', 'without a key nothing is signed');
});

t.test('the pool carries many messages over few connections', async (t) => {
  const count = 200;
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, (_, index) => mail.send(message(`bulk${index}@example.org`, { messageId: `bulk-${index}` }))));
  t.equal(results.filter((result) => result.outcome === 'delivered').length, count, `${count} messages in ${Math.round(performance.now() - started)} ms`);
  const recipients = smtp.delivered.slice(-count).map((entry) => entry.envelope.rcptTo.length);
  t.ok(recipients.every((n) => n === 1), 'each with one recipient');
});

t.test('credentials in an smtp:// URL are never sent to a server that does not offer STARTTLS', async (t) => {
  const logins: string[] = [];
  // A real server that takes AUTH over plain text and offers no STARTTLS (or had the offer stripped).
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      logins.push(`${auth.username}:${auth.password}`);
      if (auth.password !== 's3cret') return callback(new Error('Invalid username or password'));
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;

  const guarded = createEmailSender({ smtpUrl: `smtp://meridian:s3cret@127.0.0.1:${port}`, from: 'notify@meridian.example' });
  t.teardown(() => guarded.close());
  t.match(await guarded.send(message('ada@example.org')), { outcome: 'retry' }, 'not sent, tried again later');
  t.same(logins, [], 'the password never went over the wire');

  const plain = createEmailSender({ smtpUrl: `smtp://meridian:s3cret@127.0.0.1:${port}?requireTLS=false`, from: 'notify@meridian.example' });
  t.teardown(() => plain.close());
  t.match(await plain.send(message('ada@example.org')), { outcome: 'delivered' }, 'unless the operator said so in the URL');
  t.same(logins, ['meridian:s3cret']);

  const mistyped = createEmailSender({ smtpUrl: `smtp://meridian:s3cre@127.0.0.1:${port}?requireTLS=false`, from: 'notify@meridian.example' });
  t.teardown(() => mistyped.close());
  t.match(await mistyped.send(message('ada@example.org')), { outcome: 'retry', reason: /^EAUTH/ }, 'a refused login is the configuration\'s fault, not the message\'s: tried again, not parked');
});
