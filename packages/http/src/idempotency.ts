import { createHash, randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import { stringify } from 'safe-stable-stringify';
import type { FastifyInstance, FastifyReply, FastifyRequest, onErrorHookHandler, onSendHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import { StoreUnavailableError, WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@meridian/event-store';
import { Temporal } from '@meridian/domain';
import { HttpErrors } from './errors.ts';
import { declareResponseHeaders, documentSharedProblems } from './schemas.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** POST routes that honour `Idempotency-Key` */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
  }
}

interface IdempotencyClaim {
  readonly stream: string;
  readonly version: number;
  readonly requestHash: string;
}

type KeyEvent =
  | { type: 'IdempotencyKeyClaimed'; data: { requestHash: string; claimedAt: string } }
  | {
      type: 'IdempotentResponseRecorded';
      data: { requestHash: string; status: number; headers: Record<string, string>; body: string };
    }
  | { type: 'IdempotencyKeyReleased'; data: { releasedAt: string } };

export interface IdempotencyOptions {
  readonly store: EventStore;
  readonly now: () => Temporal.Instant;
  /** a claim older than this is taken as abandoned (its process died) and may be claimed again */
  readonly claimTimeoutMs?: number;
}

// What an idempotent route may answer because of its key, whatever else it answers.
const IDEMPOTENCY_PROBLEMS = ['invalid-idempotency-key', 'idempotency-in-progress', 'idempotency-key-reused'];

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location', 'content-type'];

/**
 * `Idempotency-Key` on POST (DESIGN.md, HTTP conventions): stored durably in the event store, so
 * it holds across restarts and replicas, scoped to the organiser and the URL. The first request
 * claims the key, the answer is recorded; the same key again replays that answer, with a
 * different body it is a 422, while the first is still running a 409. A 5xx is not recorded: the
 * client may retry it, but for a `store-unavailable` whose change may have been made, which
 * keeps the claim (a retry meets a 409 until the claim times out).
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: IdempotencyOptions) => {
    const claimTimeoutMs = options.claimTimeoutMs ?? 60_000;
    app.decorateRequest('idempotency', null);

    const claim: preHandlerAsyncHookHandler = async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (key === undefined) return;
      if (typeof key !== 'string' || !KEY.test(key)) throw new HttpErrors.InvalidIdempotencyKey();
      const stream = `idempotency-${digest([request.organiser ?? '', request.method, request.url.split('?')[0]!, key].join('\u0000'))}`;
      // Keys sorted: a client that sends the same members in another order sends the same request.
      const requestHash = digest(stringify(request.body ?? null) ?? 'null');
      const history = await options.store.readStream(stream);
      const state = history.map((event) => event as unknown as RecordedEvent & KeyEvent);
      const last = state.at(-1);
      if (last?.type === 'IdempotentResponseRecorded') {
        if (last.data.requestHash !== requestHash) throw new HttpErrors.IdempotencyKeyReused(JSON.stringify(key));
        return replay(reply, last.data);
      }
      if (last?.type === 'IdempotencyKeyClaimed') {
        const age = options.now().since(Temporal.Instant.from(last.data.claimedAt)).total({ unit: 'milliseconds' });
        if (age < claimTimeoutMs) throw new HttpErrors.IdempotencyInProgress(JSON.stringify(key));
      }
      const version = state.length;
      try {
        const claimedAt = options.now().toString();
        await append(options.store, stream, version, { type: 'IdempotencyKeyClaimed', data: { requestHash, claimedAt } }, request, claimedAt);
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) throw new HttpErrors.IdempotencyInProgress(JSON.stringify(key));
        throw error;
      }
      request.idempotency = { stream, version: version + 1, requestHash };
    };

    const record: onSendHookHandler = async (request, reply, payload) => {
      const claim = request.idempotency;
      if (claim === null) return payload;
      request.idempotency = null;
      const event: KeyEvent =
        reply.statusCode >= 500
          ? { type: 'IdempotencyKeyReleased', data: { releasedAt: options.now().toString() } }
          : {
              type: 'IdempotentResponseRecorded',
              data: {
                requestHash: claim.requestHash,
                status: reply.statusCode,
                headers: Object.fromEntries(
                  REPLAYED_HEADERS.flatMap((name) => {
                    const value = reply.getHeader(name);
                    return value === undefined ? [] : [[name, String(value)]];
                  }),
                ),
                body: typeof payload === 'string' ? payload : '',
              },
            };
      try {
        await append(options.store, claim.stream, claim.version, event, request, options.now().toString());
      } catch (error) {
        // The answer stands; only its replay is lost: a retry with the key will wait out the claim.
        request.log.error({ err: error }, 'could not record the idempotent response');
      }
      return payload;
    };

    // The store did not answer, and the change may have been made: released, the key would let a
    // retry make it again (a new meeting, new ids). The claim is left to stand until it times out.
    const keepClaim: onErrorHookHandler = async (request, _reply, error) => {
      if (error instanceof StoreUnavailableError && error.mayHaveWritten) request.idempotency = null;
    };

    // Only idempotent routes carry the hooks, first of their own: every other route skips them.
    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotent) return;
      documentSharedProblems(route.schema?.response, IDEMPOTENCY_PROBLEMS);
      declareResponseHeaders(route.schema?.response, IdempotentReplayedHeader);
      route.preHandler = [claim, ...[route.preHandler ?? []].flat()];
      route.onError = [keepClaim, ...[route.onError ?? []].flat()];
      route.onSend = [record, ...[route.onSend ?? []].flat()];
    });
  },
  { name: 'meridian-idempotency' },
);

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

const append = (
  store: EventStore,
  stream: string,
  expectedVersion: number,
  event: KeyEvent,
  request: FastifyRequest,
  occurredAt: string,
) =>
  store.append(
    stream,
    [
      {
        id: randomUUID(),
        ...event,
        metadata: { actor: request.organiser ?? 'anonymous', correlationId: request.id, occurredAt },
      },
    ],
    { expectedVersion },
  );

const replay = (reply: FastifyReply, recorded: { status: number; headers: Record<string, string>; body: string }) =>
  reply.code(recorded.status).headers({ ...recorded.headers, 'idempotent-replayed': 'true' }).send(recorded.body);

// Any documented answer, a problem included, may be the one recorded for a key and sent again.
const IdempotentReplayedHeader = {
  'Idempotent-Replayed': { type: 'string', enum: ['true'], description: 'present when this is the answer recorded for the `Idempotency-Key`, sent again: nothing was done twice' },
} as const;

