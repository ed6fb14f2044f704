// A mail catcher for the demo: an SMTP server on loopback that keeps every message as an .eml file
// in data/mail/ and prints who got what, so a newcomer sees notices without a real mail server.
// (deploy/compose.yaml uses Mailpit for the same purpose.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface MailCatcher {
  readonly url: string;
  close(): Promise<void>;
}

export const startMailCatcher = async (folder: string, port: number): Promise<MailCatcher> => {
  mkdirSync(folder, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        count += 1;
        const file = join(folder, `${String(count).padStart(5, '0')}.eml`);
        writeFileSync(file, raw);
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address).join(', ');
        void simpleParser(raw).then((mail) => {
          // The confirmation link is what a newcomer needs next: print it whole.
          const confirm = /https?:\/\/\S+\/confirm\?token=[\w-]+/.exec(mail.text ?? '')?.[0];
          console.log(`mail to ${to}: ${mail.subject ?? ''} (${file})${confirm === undefined ? '' : `\n  confirm with: curl -X POST '${confirm}'`}`);
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
};
