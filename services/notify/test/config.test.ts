import t from 'tap';
import { ConfigError } from '@meridian/http';
import { findRepoRoot } from '@meridian/event-store';
import { join } from 'node:path';
import { loadNotifyConfig } from '../src/config.ts';

t.test('a refused SMTP_URL is named without its password: the message goes to stderr', async (t) => {
  const error = t.throws(() => loadNotifyConfig({ SMTP_URL: 'http://mailer:pa55word@mail.example' }, () => 'secret')) as ConfigError;
  t.type(error, ConfigError);
  t.match(error.message, /SMTP_URL: "http:\/\/mailer:\*\*\*@mail\.example" is not smtp:\/\/host:port/);
  t.notMatch(error.message, /pa55word/);
});

t.test('MAIL_FROM must be one address with a domain: named at start-up, and its address used as given', async (t) => {
  for (const mailFrom of ['nonsense', 'a@example.org, b@example.org']) {
    const error = t.throws(() => loadNotifyConfig({ MAIL_FROM: mailFrom }, () => 'secret')) as ConfigError;
    t.match(error.message, `MAIL_FROM: "${mailFrom}" is not one address with a domain`);
  }
  t.equal(loadNotifyConfig({ MAIL_FROM: 'Meridian <notices@example.org>' }, () => 'secret').mailFromAddress, 'notices@example.org');
  t.equal(loadNotifyConfig({ MAIL_FROM: 'Meridian notices@example.org' }, () => 'secret').mailFromAddress, 'notices@example.org', 'without brackets, the address alone');
  t.equal(loadNotifyConfig({}, () => 'secret').mailFromAddress, 'notices@localhost');
});

t.test('a relative MERIDIAN_NOTIFY_DB is read from the repository root, as the default is, not from the service\'s folder', async (t) => {
  const atRoot = join(findRepoRoot()!, 'data', 'notify.db');
  t.equal(loadNotifyConfig({}, () => 'secret').databasePath, atRoot);
  t.equal(loadNotifyConfig({ MERIDIAN_NOTIFY_DB: 'data/notify.db' }, () => 'secret').databasePath, atRoot, 'setting the default changes nothing');
  t.equal(loadNotifyConfig({ MERIDIAN_NOTIFY_DB: '/var/lib/meridian/notify.db' }, () => 'secret').databasePath, '/var/lib/meridian/notify.db');
});
