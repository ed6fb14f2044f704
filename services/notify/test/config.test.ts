import t from 'tap';
import { ConfigError } from '@meridian/http';
import { loadNotifyConfig } from '../src/config.ts';

t.test('a refused SMTP_URL is named without its password: the message goes to stderr', async (t) => {
  const error = t.throws(() => loadNotifyConfig({ SMTP_URL: 'http://mailer:pa55word@mail.example' }, () => 'secret')) as ConfigError;
  t.type(error, ConfigError);
  t.match(error.message, /SMTP_URL: "http:\/\/mailer:\*\*\*@mail\.example" is not smtp:\/\/host:port/);
  t.notMatch(error.message, /pa55word/);
});
