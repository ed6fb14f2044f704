import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { Temporal } from '@meridian/domain';
import { cachedLookup } from './cached-lookup.ts';
import type { ChannelLogger } from './channel-logger.ts';
import type { DeliveryResult } from './delivery-result.ts';
import { InvalidWebhookSecretError, WebhookTargetLookupError, WebhookTargetRefusedError } from './errors.ts';
import { parseRetryAfter } from './retry-after.ts';
import { assertDeliverableUrl, pinnedLookup, type ResolveAll, type VettedTarget } from './target-guard.ts';
import { signWebhook } from './webhook-signing.ts';

/** How a webhook sender connects and reports. */
export interface WebhookSenderOptions {
  /** `MERIDIAN_WEBHOOK_ALLOW_PRIVATE=true`: allow loopback and private targets */
  readonly allowPrivate: boolean;
  /** the hard limit of one attempt, from getting a socket (connect included) to the end of the answer */
  readonly timeoutMs: number;
  readonly userAgent: string;
  readonly log: ChannelLogger;
  /** the clock of `webhook-timestamp` (the time of the attempt; receivers reject stale ones) */
  readonly now?: (() => Temporal.Instant) | undefined;
  /** the resolver (`dns.promises.lookup` by default); its answers are kept `lookupCacheMs` */
  readonly lookup?: ResolveAll | undefined;
  readonly lookupCacheMs?: number | undefined;
  /** open sockets per origin (default 32) and in all (default 512): a fan-out queues beyond them */
  readonly maxSocketsPerOrigin?: number | undefined;
  readonly maxSockets?: number | undefined;
}

/** Where a webhook goes: the subscriber's URL and its signing secrets (two during a rotation). */
export interface WebhookTarget {
  readonly url: string;
  readonly secrets: readonly string[];
}

/** One webhook message. `id` is the `webhook-id`: the same on every attempt (receivers deduplicate). */
export interface WebhookMessage {
  readonly id: string;
  readonly type: string;
  /** the request body, as `webhookBody` serialises it: the same bytes on every attempt */
  readonly body: string;
}

/** What a webhook's body says: its type, when it happened, and its data. */
export interface WebhookContent {
  readonly type: string;
  readonly timestamp: Temporal.Instant;
  readonly data: unknown;
}

/**
 * The body of a Standard Webhooks message: `{type, timestamp, data}` as JSON. Throws a TypeError
 * for data JSON cannot hold (a bigint, a cycle).
 *
 * @example
 * webhookBody({ type: 'webhook.ping', timestamp: Temporal.Instant.from('2025-11-26T08:20:00.000Z'), data: {} })
 * //=> '{"type":"webhook.ping","timestamp":"2025-11-26T08:20:00Z","data":{}}'
 */
export const webhookBody = (content: WebhookContent): string =>
  JSON.stringify({ type: content.type, timestamp: content.timestamp.toString(), data: content.data });

export interface WebhookSender {
  /** Delivers one message once; never rejects: every failure is a `DeliveryResult`. */
  send(target: WebhookTarget, message: WebhookMessage): Promise<DeliveryResult>;
  /** Closes the kept-alive sockets. */
  close(): void;
}

/** What the HTTP exchange came to, before it is judged. */
type Exchange =
  | { readonly kind: 'answer'; readonly status: number; readonly statusText: string; readonly retryAfter?: string; readonly body: string }
  | { readonly kind: 'error'; readonly error: NodeJS.ErrnoException; readonly reusedSocket: boolean };

const MAX_BODY_KEPT = 1024;

/**
 * A Standard Webhooks sender: POSTs a `webhookBody` with `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` (one `v1,` signature per secret), over keep-alive
 * agents with bounded sockets, to the address the target guard checked. 2xx is delivered, 410 gone;
 * any other answer, a timeout or a network error is retried (honouring `Retry-After`), as Standard
 * Webhooks asks; a refused target or a bad secret fails for good. Logs name the origin, the
 * message id and the HTTP status or error code, never a secret, a signature, a URL path, nor the
 * receiver's answer (the result's `reason` quotes it, for the outbox).
 *
 * @example
 * const sender = createWebhookSender({ allowPrivate: false, timeoutMs: 15_000, userAgent: 'Meridian/1', log: app.log })
 * await sender.send({ url: 'https://hooks.example.com/in', secrets: [secret] },
 *   { id: 'msg_1', type: 'session.added', body: webhookBody({ type: 'session.added', timestamp: Temporal.Now.instant(), data: { ... } }) })
 * //=> { outcome: 'delivered', detail: 'HTTP 204' }
 */
export const createWebhookSender = (options: WebhookSenderOptions): WebhookSender => {
  const { log, timeoutMs } = options;
  const now = options.now ?? (() => Temporal.Now.instant());
  const lookup = cachedLookup(options.lookup ?? dns.lookup, { ttlMs: options.lookupCacheMs ?? 30_000, maxEntries: 10_000 });
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSocketsPerOrigin ?? 32,
    maxTotalSockets: options.maxSockets ?? 512,
    scheduling: 'lifo' as const,
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const send = async (target: WebhookTarget, message: WebhookMessage): Promise<DeliveryResult> => {
    try {
      // 1. the guard, again at delivery time: DNS may have changed since the subscription
      const vetted = await assertDeliverableUrl(target.url, { allowPrivate: options.allowPrivate, lookup });
      // 2. the signature, stamped with the time of this attempt, over the bytes sent (encoded once:
      //    signing, counting and sending a string would encode its kilobytes three times)
      const body = Buffer.from(message.body);
      const timestamp = Math.floor(now().epochMilliseconds / 1000);
      const signature = signWebhook({ secret: target.secrets, id: message.id, timestamp, body });
      const headers = {
        'content-type': 'application/json',
        'content-length': String(body.length),
        'user-agent': options.userAgent,
        'webhook-id': message.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      };
      // 3. the exchange; a kept-alive socket the receiver closed meanwhile is retried once at once
      let exchange = await post(vetted, headers, body);
      if (exchange.kind === 'error' && exchange.reusedSocket && exchange.error.code === 'ECONNRESET') {
        exchange = await post(vetted, headers, body);
      }
      return report(judge(exchange, timeoutMs, now), factsOf(exchange), vetted.url.origin, message);
    } catch (error) {
      return report(judgeThrown(error), factsOfThrown(error), originOf(target.url), message);
    }
  };

  const post = (target: VettedTarget, headers: Record<string, string>, body: Buffer): Promise<Exchange> =>
    new Promise((settle) => {
      const { url } = target;
      const request = (url.protocol === 'https:' ? https : http).request({
        method: 'POST',
        protocol: url.protocol,
        hostname: target.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'],
        lookup: pinnedLookup(target),
      });
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const finish = (exchange: Exchange) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        settle(exchange);
      };
      // The clock starts when a socket is assigned: waiting in the agent's queue behind a fan-out
      // is not the receiver's fault, connecting and answering are.
      request.on('socket', () => {
        timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
      });
      request.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'error', error, reusedSocket: request.reusedSocket }));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept >= MAX_BODY_KEPT) return; // read on (to keep the socket) but keep no more
          chunks.push(chunk);
          kept += chunk.length;
        });
        response.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'error', error, reusedSocket: request.reusedSocket }));
        // 'close' without 'end': the connection dropped mid-answer (a no-op after 'end').
        response.on('close', () => {
          const error: NodeJS.ErrnoException = new Error('the connection closed before the answer ended');
          error.code = 'ECONNRESET';
          finish({ kind: 'error', error, reusedSocket: false });
        });
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          finish({
            kind: 'answer',
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            ...(retryAfter === undefined ? {} : { retryAfter }),
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_KEPT).toString('utf8'),
          });
        });
      });
      request.end(body);
    });

  const report = (result: DeliveryResult, facts: AttemptFacts, origin: string, message: WebhookMessage): DeliveryResult => {
    const fields = { webhookId: message.id, type: message.type, target: origin, outcome: result.outcome, ...facts };
    if (result.outcome === 'delivered') log.debug(fields, 'webhook delivered');
    else log.warn({ ...fields, ...(result.outcome === 'retry' ? { retryAfterMs: result.retryAfterMs } : {}) }, 'webhook not delivered');
    return result;
  };

  return {
    send,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
};

/**
 * What the log says of an attempt besides its outcome: the HTTP status or an error code, never a
 * result's `reason`. A receiver's answer may echo the URL's path and query, and an error message
 * may name them; unsubscribing erases the outbox's copy of those words, and cannot erase a log.
 */
type AttemptFacts = Readonly<{ httpStatus: number }> | Readonly<{ error: string; refusal?: string }>;

const factsOf = (exchange: Exchange): AttemptFacts =>
  exchange.kind === 'answer' ? { httpStatus: exchange.status } : { error: exchange.error.code ?? 'network error' };

const factsOfThrown = (error: unknown): AttemptFacts => {
  if (error instanceof WebhookTargetRefusedError) return { error: error.code, refusal: error.reason };
  if (error instanceof WebhookTargetLookupError || error instanceof InvalidWebhookSecretError) return { error: error.code };
  return { error: error instanceof Error ? error.name : typeof error };
};

/** The outcome of an HTTP exchange; `now` only for a Retry-After date. */
const judge = (exchange: Exchange, timeoutMs: number, now: () => Temporal.Instant): DeliveryResult => {
  if (exchange.kind === 'error') {
    const { error } = exchange;
    const reason = error.code === 'ETIMEDOUT' ? `no answer within ${timeoutMs} ms` : `${error.code ?? 'network error'}: ${error.message}`;
    return { outcome: 'retry', reason };
  }
  const { status } = exchange;
  if (status >= 200 && status < 300) return { outcome: 'delivered', detail: `HTTP ${status}` };
  const said = `HTTP ${status}${exchange.statusText ? ` ${exchange.statusText}` : ''}${excerpt(exchange.body)}`;
  if (status === 410) return { outcome: 'gone', reason: `${said}: the receiver says this endpoint is gone` };
  // Standard Webhooks retries every other answer: a receiver mid-deploy answers 404 or 401 for a
  // minute, and parking its notices would lose them until an organiser noticed.
  const reason = status >= 300 && status < 400 ? `${said}: redirects are not followed; subscribe with the final URL` : said;
  const retryAfterMs = parseRetryAfter(exchange.retryAfter, now());
  return retryAfterMs === undefined ? { outcome: 'retry', reason } : { outcome: 'retry', reason, retryAfterMs };
};

/** The outcome of a failure before any exchange: a refused target, a DNS failure, a bad secret. */
const judgeThrown = (error: unknown): DeliveryResult => {
  if (error instanceof WebhookTargetRefusedError || error instanceof InvalidWebhookSecretError) {
    return { outcome: 'failed', reason: error.message };
  }
  if (error instanceof WebhookTargetLookupError) return { outcome: 'retry', reason: error.message };
  // a bug: never worth repeating as is
  return { outcome: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
};

/** Scheme, host and port of a URL, for logs: paths and queries often carry tokens. */
const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
};

/** The start of a receiver's answer, on one line, for the reason of a failure. */
const excerpt = (body: string): string => {
  // eslint-disable-next-line no-control-regex
  const text = body.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
};
