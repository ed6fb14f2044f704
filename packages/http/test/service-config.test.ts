import t from 'tap';
import { ConfigError, parseServiceConfig } from '../src/index.ts';

const options = { defaultPort: 3000, randomSecret: () => 'r'.repeat(64) };
const parse = (env: Record<string, string>) => {
  const problems: string[] = [];
  return { config: parseServiceConfig(env, options, problems), problems };
};

t.test('an empty environment starts a local service on the embedded store', async (t) => {
  const { config, problems } = parse({});
  t.same(problems, []);
  t.match(config, { port: 3000, host: '127.0.0.1', store: { kind: 'sqlite' }, publicUrl: 'http://localhost:3000', organizerEmail: null, rateLimit: 0, logLevel: 'info' });
  t.equal(config.organisersByToken.size, 0);
  t.equal(config.secret, 'r'.repeat(64), 'a per-process secret');
  t.equal(config.secretConfigured, false);
});

t.test('every variable is read as documented', async (t) => {
  const { config, problems } = parse({
    PORT: '8080',
    HOST: '0.0.0.0',
    MERIDIAN_STORE: 'esdb://node1:2113,node2:2113?tls=false',
    MERIDIAN_API_TOKENS: 'ohchr=0123456789abcdef, uclg=fedcba9876543210==',
    MERIDIAN_PUBLIC_URL: 'https://meridian.example.org/',
    MERIDIAN_ORGANIZER_EMAIL: 'agenda@example.org',
    MERIDIAN_SECRET: 's'.repeat(32),
    MERIDIAN_RATE_LIMIT: '600',
    LOG_LEVEL: 'warn',
  });
  t.same(problems, []);
  t.match(config, { port: 8080, host: '0.0.0.0', store: { kind: 'esdb' }, publicUrl: 'https://meridian.example.org', organizerEmail: 'agenda@example.org', secretConfigured: true, rateLimit: 600, logLevel: 'warn' });
  t.same([...config.organisersByToken], [['0123456789abcdef', 'ohchr'], ['fedcba9876543210==', 'uclg']]);
});

t.test('every wrong variable is named at once, so one start-up shows them all', async (t) => {
  const { problems } = parse({
    PORT: 'eighty',
    MERIDIAN_STORE: 'mysql://db',
    MERIDIAN_API_TOKENS: 'ohchr=short',
    MERIDIAN_PUBLIC_URL: 'ftp://files.example.org',
    MERIDIAN_ORGANIZER_EMAIL: 'not-an-address',
    MERIDIAN_SECRET: 'too-short',
    MERIDIAN_RATE_LIMIT: '-1',
  });
  t.same(
    problems.map((problem) => problem.split(':')[0]),
    ['PORT', 'MERIDIAN_STORE', 'MERIDIAN_ORGANIZER_EMAIL', 'MERIDIAN_SECRET', 'MERIDIAN_API_TOKENS', 'MERIDIAN_PUBLIC_URL', 'MERIDIAN_RATE_LIMIT'],
  );
  t.match(new ConfigError(problems).message, /^invalid configuration:\n {2}- PORT: "eighty" is not a port number/);
});
