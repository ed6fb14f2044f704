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
    MERIDIAN_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8',
    LOG_LEVEL: 'WARN',
  });
  t.same(problems, []);
  t.match(config, { port: 8080, host: '0.0.0.0', store: { kind: 'esdb' }, publicUrl: 'https://meridian.example.org', organizerEmail: 'agenda@example.org', secretConfigured: true, rateLimit: 600, logLevel: 'warn' });
  t.same(config.trustedProxies, ['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
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
    MERIDIAN_TRUST_PROXY: 'true',
    LOG_LEVEL: 'verbose',
  });
  t.same(
    problems.map((problem) => problem.split(':')[0]),
    ['PORT', 'MERIDIAN_STORE', 'MERIDIAN_ORGANIZER_EMAIL', 'MERIDIAN_SECRET', 'MERIDIAN_API_TOKENS', 'MERIDIAN_PUBLIC_URL', 'MERIDIAN_RATE_LIMIT', 'MERIDIAN_TRUST_PROXY', 'LOG_LEVEL'],
  );
  t.match(new ConfigError(problems).message, /^invalid configuration:\n {2}- PORT: "eighty" is not a port number/);
});

t.test('trusted proxies are addresses or CIDR ranges, each checked', async (t) => {
  for (const [value, accepted] of [
    ['127.0.0.1', true],
    ['10.0.0.0/8,192.168.0.0/16', true],
    ['::1, fd00::/8', true],
    ['10.0.0.0/33', false],
    ['fd00::/129', false],
    ['10.0.0.0/', false],
    ['10.0.0.0/8/8', false],
    ['proxy.internal', false],
    ['true', false],
    ['1', false],
  ] as const) {
    const { config, problems } = parse({ MERIDIAN_TRUST_PROXY: value });
    t.equal(problems.length === 0, accepted, `${value}: ${problems.join('')}`);
    if (!accepted) t.equal(config.trustedProxies, null);
  }
  t.equal(parse({}).config.trustedProxies, null, 'unset: no proxy is trusted');
});
