import type { DomainErrorKind } from '@meridian/domain';

/** One kind of problem a client can meet: its stable `type` is `/problems/<code>`. */
export interface ProblemType {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly description: string;
}

/** The problem types one service can answer: those both services share, and its own. */
export interface ProblemCatalogue {
  /** every type, in the order the OpenAPI document lists them */
  readonly types: readonly ProblemType[];
  /** the type of a code, or undefined when the service never answers it */
  get(code: string): ProblemType | undefined;
}

/** HTTP status of each kind of domain failure (DESIGN.md, HTTP conventions). */
export const STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  rule: 422,
};

/** The problem types of both services: HTTP-level ones, then the domain's. */
export const SHARED_PROBLEM_TYPES: readonly ProblemType[] = [
  ['invalid-request', 400, 'Invalid request', 'The request does not match the schema: a field is missing, unknown, or of the wrong type. `errors` lists each one.'],
  ['malformed-json', 400, 'Malformed JSON', 'The body is not valid JSON.'],
  ['bad-url', 400, 'Bad URL', 'The URL is not valid (for example a broken %-encoding).'],
  ['headers-too-large', 431, 'Headers too large', 'The request line or its headers are larger than the service accepts.'],
  ['url-too-long', 414, 'URL too long', 'A path parameter or the URL is longer than the service accepts.'],
  ['body-too-large', 413, 'Body too large', 'The request body is larger than the service accepts.'],
  ['unsupported-media-type', 415, 'Unsupported media type', 'Send `application/json` (or `application/merge-patch+json` for PATCH).'],
  ['not-found', 404, 'Not found', 'No such route or resource, or a resource you may not see.'],
  ['method-not-allowed', 405, 'Method not allowed', 'The route exists but not with this method.'],
  ['unauthorized', 401, 'Unauthorized', 'The route needs `Authorization: Bearer <token>` with a configured organiser token.'],
  ['forbidden', 403, 'Forbidden', 'The token belongs to another organiser than the one who owns this meeting.'],
  ['precondition-failed', 412, 'Precondition failed', 'The `If-Match` revision is not the current one: someone else changed the resource. Read it again. A weak tag (`W/"7"`) never matches: writes compare tags strongly.'],
  ['invalid-if-match', 400, 'Invalid If-Match', '`If-Match` must be one quoted revision, such as `"7"`.'],
  ['idempotency-key-reused', 422, 'Idempotency key reused', 'The `Idempotency-Key` was first used with another body.'],
  ['idempotency-in-progress', 409, 'Idempotent request in progress', 'The first request with this key is still running; retry shortly.'],
  ['invalid-idempotency-key', 400, 'Invalid idempotency key', '`Idempotency-Key` must be 1 to 255 visible characters.'],
  ['not-caught-up', 503, 'Not caught up', 'This replica has not yet seen the revision asked for with `minRevision`; retry shortly.'],
  ['not-ready', 503, 'Not ready', 'The service is starting, catching up, or cannot reach its store.'],
  ['rate-limited', 429, 'Too many requests', 'The client sent more requests per minute than allowed; see `Retry-After`.'],
  [
    'store-unavailable',
    503,
    'Store unavailable',
    'The event store did not answer in time (another process holds its file, or the cluster has no leader for now). When `changeMayHaveBeenMade` is false, nothing was changed: retry after `Retry-After` seconds. When it is true, the change may have been made: look before you send it again (a creation: in the list), and an `Idempotency-Key` it came with stays claimed for a minute. Either way, a retry with the same key may meet `idempotency-in-progress` until the claim times out, if the store was still down when the request ended.',
  ],
  ['internal-error', 500, 'Internal error', 'An unexpected failure; it was logged with the request id given in `instance`.'],
  // domain errors (packages/domain/src/errors.ts)
  ['invalid-input', 400, 'Invalid input', 'A value breaks a rule of its field (empty title, not an http(s) link, …). `field` names it.'],
  ['unknown-time-zone', 400, 'Unknown time zone', 'Not an IANA time zone. Abbreviations (CET, EST) and fixed offsets (UTC+1) are refused; `suggestions` names real zones.'],
  ['unknown-locale', 400, 'Unknown locale', 'Not a BCP 47 locale the service can format dates in.'],
  ['invalid-local-time', 400, 'Invalid local time', 'Local times are written `YYYY-MM-DDTHH:mm` in the meeting zone, without offset.'],
  ['nonexistent-local-time', 422, 'Nonexistent local time', 'The clocks skip this wall time in the meeting zone (spring forward); `validAlternatives` names the nearest valid times.'],
  ['ambiguous-local-time', 422, 'Ambiguous local time', 'The wall time happens twice (clocks go back); repeat the request with `disambiguation` "earlier" or "later" (see `validAlternatives`).'],
  ['end-not-after-start', 422, 'End not after start', 'A session must end after it starts.'],
  ['sessions-overlap', 422, 'Sessions overlap', 'Two sessions of one track may not overlap; `otherSessionId` names the other one, `otherStart` and `otherEnd` its wall times.'],
  ['meeting-not-found', 404, 'Meeting not found', 'No such meeting (or none you may see).'],
  ['meeting-already-exists', 409, 'Meeting already exists', 'A meeting with this id exists.'],
  ['meeting-cancelled', 409, 'Meeting cancelled', 'The meeting is cancelled: nothing can change it.'],
  ['session-not-found', 404, 'Session not found', 'No such session in this meeting.'],
  ['session-already-exists', 409, 'Session already exists', 'A session with this id exists in this meeting.'],
  ['session-cancelled', 409, 'Session cancelled', 'The session is cancelled; restore it before changing it.'],
  ['session-not-cancelled', 409, 'Session not cancelled', 'Only a cancelled session can be restored.'],
  ['speaker-already-assigned', 409, 'Speaker already assigned', 'This speaker is already on the session.'],
  ['speaker-not-found', 404, 'Speaker not found', 'This speaker is not on the session.'],
  ['nothing-to-release', 409, 'Nothing to release', 'Nothing a participant can see changed since the last release.'],
  ['release-not-found', 404, 'Release not found', 'The meeting has no such released version (or no release yet).'],
].map(([code, status, title, description]) => ({ code, status, title, description }) as ProblemType);

/**
 * The catalogue of one service: the shared types plus its own (a service's own type replaces a
 * shared one of the same code). Each app holds its own, so two services in one process (tests)
 * never serve each other's types.
 *
 * @example
 * problemCatalogue([{ code: 'not-a-webhook', status: 409, title: 'Not a webhook', description: '…' }]).get('not-a-webhook')?.status //=> 409
 */
export const problemCatalogue = (own: readonly ProblemType[] = []): ProblemCatalogue => {
  const byCode = new Map([...SHARED_PROBLEM_TYPES, ...own].map((type) => [type.code, type]));
  const types = [...byCode.values()];
  return { types, get: (code) => byCode.get(code) };
};

/** The shared types alone: for what answers before any app is known (malformed HTTP on the socket). */
export const SHARED_PROBLEM_CATALOGUE: ProblemCatalogue = problemCatalogue();

/** The `type` URI of a problem: relative, so it resolves against whichever host answered. */
export const problemTypeUri = (code: string): string => `/problems/${code}`;
