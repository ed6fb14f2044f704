import { createHmac, randomBytes } from 'node:crypto';
import { InvalidWebhookSecretError } from './errors.ts';

const PREFIX = 'whsec_';
const SECRET_BYTES = 32;
// Standard Webhooks: "secret keys SHOULD be between 24 bytes and 64 bytes".
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A new Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. Shown to the
 * subscriber once (`POST /subscriptions` answers it as `secret`), stored where it can be erased.
 *
 * @example
 * generateWebhookSecret() //=> 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3jmmUGsJC3A=' (random)
 */
export const generateWebhookSecret = (): string => `${PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;

/** What `signWebhook` signs. */
export interface SignWebhookInput {
  /** one secret, or several during a rotation's grace period (old and new both sign) */
  readonly secret: string | readonly string[];
  /** the `webhook-id`: the same for every attempt of one message, so receivers can deduplicate */
  readonly id: string;
  /** the `webhook-timestamp`, in whole seconds since the epoch */
  readonly timestamp: number;
  /** the exact bytes of the request body (a string: its UTF-8) */
  readonly body: string | Uint8Array;
}

/**
 * The `webhook-signature` header value: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each
 * secret, space-separated, so a receiver holding either the old or the new secret verifies.
 *
 * @example
 * signWebhook({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3jmmUGsJC3A=', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
 *   timestamp: 1614265330, body: '{"test": 2432232314}' })
 * //=> 'v1,w4+cspwwKfG0VLibqQrfAj4TPYrXFThgMIODKZms3jw='
 */
export const signWebhook = (input: SignWebhookInput): string => {
  const { id, timestamp, body } = input;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`webhook timestamp must be whole seconds, got ${timestamp}`);
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  if (secrets.length === 0) throw new InvalidWebhookSecretError('no secret to sign with');
  // "id.timestamp.body", hashed piece by piece: a body is kilobytes, not worth copying into one string
  const prefix = `${id}.${timestamp}.`;
  return secrets.map((secret) => `v1,${createHmac('sha256', secretKey(secret)).update(prefix).update(body).digest('base64')}`).join(' ');
};

/** The key bytes of a `whsec_` secret, checked. */
const secretKey = (secret: string): Buffer => {
  if (!secret.startsWith(PREFIX)) throw new InvalidWebhookSecretError(`a secret starts with ${PREFIX}`);
  const encoded = secret.slice(PREFIX.length);
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) throw new InvalidWebhookSecretError('the part after whsec_ is not base64');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    throw new InvalidWebhookSecretError(`a secret holds ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes, this one ${key.length}`);
  }
  return key;
};
