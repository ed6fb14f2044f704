import { Type, type TRef, type TSchema } from 'typebox';
import { SHARED_PROBLEM_TYPES } from './problem-types.ts';

/** RFC 9457 problem document, as every error of both services is answered. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'stable URI reference of the problem type: `/problems/<code>`' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'what went wrong with this request, for a human' }),
    code: Type.String({ description: 'the stable code the type ends with' }),
    instance: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
    value: Type.Optional(Type.String({ description: 'the offending value (time and zone errors)' })),
    timeZone: Type.Optional(Type.String()),
    validAlternatives: Type.Optional(
      Type.Array(Type.Unknown(), {
        description: 'for a nonexistent local time, the nearest valid wall times; for an ambiguous one, both readings',
      }),
    ),
    suggestions: Type.Optional(Type.Array(Type.String(), { description: 'real IANA zones for a refused zone' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() }), { description: 'each schema violation' }),
    ),
  },
  {
    $id: 'Problem',
    additionalProperties: true,
    examples: [
      {
        type: '/problems/nonexistent-local-time',
        title: 'Nonexistent local time',
        status: 422,
        detail: 'start: 2026-03-29T02:30 does not exist in Europe/Zurich (the clocks skip it); the nearest valid times are 2026-03-29T01:59 and 2026-03-29T03:00',
        code: 'nonexistent-local-time',
        field: 'start',
        value: '2026-03-29T02:30',
        timeZone: 'Europe/Zurich',
        validAlternatives: ['2026-03-29T01:59', '2026-03-29T03:00'],
      },
    ],
  },
);

/** The media type every problem is answered with (RFC 9457); the reply adds `; charset=utf-8`. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** One problem response of a route in the OpenAPI document: when it happens, and the shared Problem schema. */
export interface ProblemResponse {
  readonly description: string;
  readonly content: { readonly [PROBLEM_MEDIA_TYPE]: { readonly schema: TRef<'Problem'> } };
  readonly headers?: Readonly<Record<string, unknown>>;
}

/**
 * A route's response for an error status: described as `application/problem+json`, the media type
 * it is sent with. Fastify picks the serialiser by that media type, so the body is still
 * serialised with the Problem schema.
 *
 * @example
 * problemResponse('No such meeting, or none you may see.').content['application/problem+json'].schema.$ref //=> 'Problem'
 */
export const problemResponse = (description: string): ProblemResponse => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: Type.Ref('Problem') } },
});

/**
 * Completes a route's documented responses with problems a plugin answers on it (an
 * Idempotency-Key's, a rate limit's), in the words of the problem catalogue, so that the OpenAPI
 * document lists every status the route answers: a status the route documents already gets the
 * sentence added, unless it names the code, and the headers the problem is answered with (a rate
 * limit's `Retry-After`). A route that documents no responses is left alone.
 */
export const documentSharedProblems = (responses: unknown, codes: readonly string[]): void => {
  if (responses === undefined || responses === null) return;
  const documentedResponses = responses as Record<string, ProblemResponse>;
  for (const code of codes) {
    const type = SHARED_PROBLEM_TYPES.find((candidate) => candidate.code === code);
    if (type === undefined) throw new Error(`no shared problem type ${code}`);
    const meaning = `${type.description.replace(/\.$/, '')} (\`${code}\`).`;
    const headers = SHARED_PROBLEM_HEADERS[code];
    const documented = documentedResponses[type.status];
    const described =
      documented === undefined
        ? problemResponse(meaning)
        : documented.description.includes(`\`${code}\``)
          ? documented
          : { ...documented, description: `${documented.description} ${meaning}` };
    documentedResponses[type.status] = headers === undefined ? described : { ...described, headers: { ...described.headers, ...headers } };
  }
};

/**
 * Declares `headers` on every answer a route documents (a plugin that adds them to all of its
 * answers). Each entry is replaced, not changed: a response object may be shared with routes the
 * plugin leaves alone. A route that documents no responses is left alone.
 */
export const declareResponseHeaders = (responses: unknown, headers: Readonly<Record<string, unknown>>): void => {
  if (responses === undefined || responses === null) return;
  const documented = responses as Record<string, { headers?: Record<string, unknown> }>;
  for (const [status, response] of Object.entries(documented)) documented[status] = { ...response, headers: { ...response.headers, ...headers } };
};

/**
 * Problem responses by status for a route's `response` map, each described by what `meanings`
 * says that status means.
 *
 * @example
 * Object.keys(problemResponses({ 401: 'No token.', 404: 'No such meeting.' }, [404])) //=> ['404']
 */
export const problemResponses = (meanings: Readonly<Record<number, string>>, statuses: readonly number[]): Record<number, ProblemResponse> =>
  Object.fromEntries(
    statuses.map((status) => {
      const meaning = meanings[status];
      if (meaning === undefined) throw new Error(`no meaning is written for problem status ${status}`);
      // every 401 names the scheme it wants (RFC 9110, 11.6.1): the problem-details plugin sends it
      return [status, status === 401 ? { ...problemResponse(meaning), headers: WwwAuthenticateHeader } : problemResponse(meaning)];
    }),
  );

/**
 * A service's problem responses: `problems(…statuses)` described by what each status usually
 * means on its routes, `problem(description)` for what it means on one route.
 *
 * @example
 * const { problems } = routeProblems({ 404: 'No such meeting.' });
 * problems(404)[404].description //=> 'No such meeting.'
 */
export const routeProblems = (meanings: Readonly<Record<number, string>>) => ({
  problems: (...statuses: number[]): Record<number, ProblemResponse> => problemResponses(meanings, statuses),
  problem: problemResponse,
});

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

/** An id of ours in a body: letters, digits, `.`, `_` and `-`. */
export const Id = Type.String({ minLength: 1, maxLength: 100, pattern: ID_PATTERN });

/** An id as a path or query parameter, described for the OpenAPI document. */
export const IdParameter = (description: string, example: string) =>
  Type.String({ minLength: 1, maxLength: 100, pattern: ID_PATTERN, description, examples: [example] });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// Response headers for the OpenAPI documents (@fastify/swagger moves `description` out of the schema).

/** Where the resource a 201 created can be read. */
export const LocationHeader = (what: string) => ({ Location: { type: 'string', format: 'uri-reference', description: what } }) as const;

/** When a refused client may try again. */
export const WwwAuthenticateHeader = {
  'WWW-Authenticate': { type: 'string', description: 'the scheme the route takes: `Bearer realm="meridian"`' },
} as const;

export const RetryAfterHeader = {
  'Retry-After': { type: 'string', pattern: '^[0-9]+$', description: 'seconds to wait before trying again' },
} as const;

// The headers a shared problem is answered with, declared wherever `documentSharedProblems` adds it.
const SHARED_PROBLEM_HEADERS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'rate-limited': RetryAfterHeader,
  'store-unavailable': RetryAfterHeader,
  'not-ready': RetryAfterHeader,
};
