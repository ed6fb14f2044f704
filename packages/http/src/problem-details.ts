import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@meridian/domain';
import { StoreUnavailableError } from '@meridian/event-store';
import { AllowedMethods } from './allowed-methods.ts';
import { HttpErrors } from './errors.ts';
import { documentSharedProblems } from './schemas.ts';
import { SHARED_PROBLEM_CATALOGUE, STATUS_OF_KIND, problemCatalogue, problemTypeUri, type ProblemCatalogue, type ProblemType } from './problem-types.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** a GET route that reads the event store (not only read models in memory): it may answer `store-unavailable` */
    readsStore?: boolean;
  }
  interface FastifyInstance {
    /** the problem types this service answers: `/problems/<code>`, the titles, the OpenAPI list */
    problemTypes: ProblemCatalogue;
  }
}

/** An RFC 9457 problem document, with Meridian's extension members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** the stable code the `type` ends with */
  readonly code: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

// Long enough for a busy SQLite file or a cluster's leader election (a few seconds), no longer.
const STORE_RETRY_AFTER_SECONDS = 5;
// Requests that read the event store before they append to it (or claim an Idempotency-Key
// there), and so may meet `store-unavailable`; a GET route says when it reads the store.
const CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_VALIDATION: 'invalid-request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-request',
  FST_ERR_BAD_URL: 'bad-url',
  FST_ERR_MAX_PARAM_LENGTH: 'url-too-long',
  FST_ERR_ASYNC_CONSTRAINT: 'invalid-request',
  FST_ERR_NOT_FOUND: 'not-found',
};

/**
 * The problem document for any error a request can end in, titled from the service's catalogue.
 * Never a stack trace: an unexpected error becomes `internal-error`, its details kept for the log.
 *
 * @example
 * problemOf(new SessionsOverlapError('s1', 'opening', 'Opening', null), 'req-1', SHARED_PROBLEM_CATALOGUE).status //=> 422
 */
export const problemOf = (error: unknown, requestId: string, catalogue: ProblemCatalogue): Problem => {
  const build = (code: string, status: number, detail: string, extensions: Record<string, unknown> = {}): Problem => ({
    type: problemTypeUri(code),
    title: catalogue.get(code)?.title ?? code,
    status,
    detail,
    code,
    ...extensions,
  });
  if (error instanceof DomainError) {
    return build(error.code, STATUS_OF_KIND[error.kind], error.message, { ...error.details });
  }
  if (error instanceof StoreUnavailableError) {
    // What the store said stays in the log: an EventStoreDB error names the cluster's nodes.
    const detail = error.mayHaveWritten
      ? `the event store did not answer in time, and the change may have been made: look before you send it again (after ${STORE_RETRY_AFTER_SECONDS} seconds)`
      : `the event store did not answer in time, and nothing was changed: retry after ${STORE_RETRY_AFTER_SECONDS} seconds`;
    return build('store-unavailable', 503, detail, { changeMayHaveBeenMade: error.mayHaveWritten });
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown[] };
  const code = fastifyError.code ?? '';
  if (code.startsWith('MERIDIAN_')) {
    const ours = code.slice('MERIDIAN_'.length).toLowerCase().replaceAll('_', '-');
    return build(ours, fastifyError.statusCode ?? 500, fastifyError.message ?? ours);
  }
  if (code === 'FST_ERR_VALIDATION' && Array.isArray(fastifyError.validation)) {
    const errors = fastifyError.validation.map(describeValidationError);
    return build('invalid-request', 400, errors.map((entry) => `${entry.pointer || '(body)'} ${entry.message}`).join('; '), {
      errors,
    });
  }
  const mapped = FASTIFY_CODES[code] ?? (error instanceof SyntaxError && fastifyError.statusCode === 400 ? 'malformed-json' : undefined);
  if (mapped !== undefined) return build(mapped, catalogue.get(mapped)?.status ?? 400, fastifyError.message ?? mapped);
  const status = fastifyError.statusCode;
  if (status === 429) return build('rate-limited', 429, fastifyError.message ?? 'too many requests');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return build(status === 404 ? 'not-found' : 'invalid-request', status, fastifyError.message ?? 'bad request');
  }
  return build('internal-error', 500, `an unexpected error occurred; it was logged with request id ${requestId}`, {
    instance: `urn:meridian:request:${requestId}`,
  });
};

interface AjvError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** One schema violation as a JSON pointer and a sentence, unknown fields named. */
const describeValidationError = (raw: unknown): { pointer: string; message: string } => {
  const error = raw as AjvError;
  const path = error.instancePath ?? '';
  if (error.keyword === 'additionalProperties') {
    return { pointer: `${path}/${String(error.params?.additionalProperty)}`, message: 'is not a known field' };
  }
  if (error.keyword === 'required') {
    return { pointer: `${path}/${String(error.params?.missingProperty)}`, message: 'is required' };
  }
  return { pointer: path, message: error.message ?? 'is invalid' };
};

/**
 * Sets the Retry-After of a 429: the seconds the error carries (`retryAfterSeconds`: an address's
 * hourly limit knows when its next mail may go), else the one set already (the rate limiter's),
 * else a minute.
 */
export const setRetryAfter = (reply: FastifyReply, error: unknown): void => {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
  else if (reply.getHeader('retry-after') === undefined) reply.header('retry-after', '60');
};

/** Sends a problem document. */
export const sendProblem = (reply: FastifyReply, problem: Problem): FastifyReply =>
  reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);

export interface ProblemDetailsOptions {
  /** the service's own problem types, besides those both services share */
  readonly problemTypes?: readonly ProblemType[];
}

/**
 * Every error and every unknown route answers `application/problem+json`; 5xx are logged with
 * their stack, which never leaves the server. Decorates the app with its problem catalogue.
 */
export const problemDetailsPlugin = fp(
  async (app: FastifyInstance, options: ProblemDetailsOptions) => {
    const catalogue = problemCatalogue(options.problemTypes);
    app.decorate('problemTypes', catalogue);
    app.setErrorHandler((error, request, reply) => {
      const problem = problemOf(error, request.id, catalogue);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      if (problem.status === 429) setRetryAfter(reply, error);
      if (problem.code === 'store-unavailable') reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
      if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="meridian"');
      return sendProblem(reply, problem);
    });
    const allowed = new AllowedMethods();
    app.addHook('onRoute', (route) => {
      allowed.add(route.method, route.url);
      const changing = [route.method].flat().some((method) => CHANGING_METHODS.has(method));
      // Node's HTTP parser refuses too large a request line or headers before any route: every route may answer it.
      const answered = changing || route.config?.readsStore === true ? ['headers-too-large', 'store-unavailable'] : ['headers-too-large'];
      documentSharedProblems(route.schema?.response, answered);
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]!;
      const methods = allowed.of(path);
      if (methods.length === 0) {
        return sendProblem(reply, problemOf({ code: 'FST_ERR_NOT_FOUND', message: `no route ${request.method} ${path}` }, request.id, catalogue));
      }
      reply.header('allow', methods.join(', '));
      const detail = `${request.method} is not a method of ${path}; it answers ${methods.join(', ')}`;
      return sendProblem(reply, problemOf(new HttpErrors.MethodNotAllowed(detail), request.id, catalogue));
    });
  },
  { name: 'meridian-problem-details' },
);

/** Fastify's `frameworkErrors` option: errors raised before routing (bad URL encoding, too long a parameter). */
export const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
  // An app without the problem-details plugin has no catalogue: the shared one holds every code these errors map to.
  const catalogue = (request.server as Partial<FastifyInstance>).problemTypes ?? SHARED_PROBLEM_CATALOGUE;
  sendProblem(reply, problemOf(error, request.id, catalogue));
};
