import t from 'tap';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { InvalidWebhookSecretError } from '../../src/channels/errors.ts';
import { generateWebhookSecret, signWebhook } from '../../src/channels/webhook-signing.ts';

/** The headers a receiver gets, as the independent `standardwebhooks` package reads them. */
const headersOf = (id: string, timestamp: number, signature: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
});
const nowSeconds = () => Math.floor(Date.now() / 1000);

t.test('a generated secret is whsec_ and the base64 of 32 random bytes', async (t) => {
  const secret = generateWebhookSecret();
  t.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  t.equal(Buffer.from(secret.slice('whsec_'.length), 'base64').length, 32);
  t.not(generateWebhookSecret(), secret, 'two secrets differ');
});

t.test('standardwebhooks verifies our signature of a body', async (t) => {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ type: 'session.added', timestamp: '2025-11-26T08:20:00Z', data: { title: 'Café ☕ & <Opening>' } });
  const timestamp = nowSeconds();
  const signature = signWebhook({ secret, id: 'msg_1', timestamp, body });
  t.match(signature, /^v1,[A-Za-z0-9+/]{43}=$/);
  t.same(new Webhook(secret).verify(body, headersOf('msg_1', timestamp, signature)), JSON.parse(body));
  t.equal(signWebhook({ secret, id: 'msg_1', timestamp, body: Buffer.from(body) }), signature, 'the UTF-8 bytes sent sign as their text does');
});

t.test('our signature equals the one standardwebhooks computes (the spec example)', async (t) => {
  const input = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3jmmUGsJC3A=', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' };
  const theirs = new Webhook(input.secret).sign(input.id, new Date(input.timestamp * 1000), input.body);
  t.equal(signWebhook(input), theirs);
});

t.test('during a rotation both secrets sign, and a receiver holding either one verifies', async (t) => {
  const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
  const body = '{"type":"agenda.released","timestamp":"2025-11-26T08:20:00Z","data":{"version":2}}';
  const timestamp = nowSeconds();
  const signature = signWebhook({ secret: [oldSecret, newSecret], id: 'msg_2', timestamp, body });
  t.match(signature, /^v1,\S+ v1,\S+$/, 'two space-separated signatures');
  t.ok(new Webhook(oldSecret).verify(body, headersOf('msg_2', timestamp, signature)), 'the old secret verifies');
  t.ok(new Webhook(newSecret).verify(body, headersOf('msg_2', timestamp, signature)), 'the new secret verifies');
  t.throws(() => new Webhook(generateWebhookSecret()).verify(body, headersOf('msg_2', timestamp, signature)), WebhookVerificationError, 'a third secret does not');
});

t.test('a changed body, id or timestamp no longer verifies', async (t) => {
  const secret = generateWebhookSecret();
  const timestamp = nowSeconds();
  const signature = signWebhook({ secret, id: 'msg_3', timestamp, body: '{"a":1}' });
  const receiver = new Webhook(secret);
  t.throws(() => receiver.verify('{"a":2}', headersOf('msg_3', timestamp, signature)), WebhookVerificationError);
  t.throws(() => receiver.verify('{"a":1}', headersOf('msg_4', timestamp, signature)), WebhookVerificationError);
  t.throws(() => receiver.verify('{"a":1}', headersOf('msg_3', timestamp - 1, signature)), WebhookVerificationError);
});

t.test('malformed secrets are refused with a named error that does not repeat them', async (t) => {
  const sign = (secret: string | string[]) => () => signWebhook({ secret, id: 'msg', timestamp: 1, body: '{}' });
  const short = `whsec_${Buffer.alloc(16, 7).toString('base64')}`;
  for (const secret of ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3jmmUGsJC3A=', 'whsec_not base64!', short]) {
    t.throws(sign(secret), InvalidWebhookSecretError, JSON.stringify(secret.slice(0, 12)));
    try {
      sign(secret)();
    } catch (error) {
      t.notOk((error as Error).message.includes(secret.slice('whsec_'.length)), 'the message does not contain the secret');
    }
  }
  t.throws(sign('whsec_'), InvalidWebhookSecretError, 'an empty key');
  t.throws(sign([]), InvalidWebhookSecretError, 'no secret at all');
  t.throws(() => signWebhook({ secret: generateWebhookSecret(), id: 'm', timestamp: 1.5, body: '' }), RangeError, 'timestamps are whole seconds');
});
