import createError from '@fastify/error';

/**
 * The HTTP-level errors of both services, one catalogue (Fastify's own style): each a stable code,
 * a message and a status. Domain errors keep their own codes; the problem handler maps both.
 */
export const HttpErrors = {
  Unauthorized: createError('MERIDIAN_UNAUTHORIZED', 'This route needs a bearer token: %s', 401),
  Forbidden: createError('MERIDIAN_FORBIDDEN', '%s', 403),
  NotFound: createError('MERIDIAN_NOT_FOUND', '%s', 404),
  MethodNotAllowed: createError('MERIDIAN_METHOD_NOT_ALLOWED', '%s', 405),
  PreconditionFailed: createError('MERIDIAN_PRECONDITION_FAILED', 'If-Match %s does not match the current revision %s', 412),
  // The same code as PreconditionFailed: one problem type, `precondition-failed`, for both.
  WeakIfMatch: createError('MERIDIAN_PRECONDITION_FAILED', 'If-Match %s is a weak tag, which never matches: writes compare tags strongly; send the ETag as it came', 412),
  InvalidIfMatch: createError('MERIDIAN_INVALID_IF_MATCH', 'If-Match must be one quoted revision, such as "7"; got %s', 400),
  IdempotencyKeyReused: createError(
    'MERIDIAN_IDEMPOTENCY_KEY_REUSED',
    'Idempotency-Key %s was first used with a different request body',
    422,
  ),
  IdempotencyInProgress: createError(
    'MERIDIAN_IDEMPOTENCY_IN_PROGRESS',
    'a request with Idempotency-Key %s is still being processed; retry shortly',
    409,
  ),
  InvalidIdempotencyKey: createError('MERIDIAN_INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 255 visible characters', 400),
  NotCaughtUp: createError('MERIDIAN_NOT_CAUGHT_UP', 'this replica has not reached revision %s of %s yet; retry shortly', 503),
  NotReady: createError('MERIDIAN_NOT_READY', '%s', 503),
  RateLimited: createError('MERIDIAN_RATE_LIMITED', 'too many requests; retry after %s seconds', 429),
} as const;
