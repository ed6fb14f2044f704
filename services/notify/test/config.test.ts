import t from 'tap';
import { ConfigError } from '@meridian/http';
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
