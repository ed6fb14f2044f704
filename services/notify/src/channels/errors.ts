/**
 * Errors of the delivery channels. Each has a stable `code` in the `MERIDIAN_` family and the HTTP
 * status it means when it reaches a route (the shared problem handler maps `MERIDIAN_*` codes with
 * their `statusCode`), e.g. a subscription whose webhook URL is refused answers 400.
 */

/** Why a webhook target is refused: a policy reason, never a transient failure. */
export type WebhookTargetRefusal =
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'credentials-in-url'
  | 'private-address'
  | 'no-address';

/**
 * A webhook URL this service will not deliver to: not http(s), carrying credentials, or naming a
 * host whose addresses are loopback, private, link-local or otherwise not public (unless
 * `MERIDIAN_WEBHOOK_ALLOW_PRIVATE=true`). The message names the host, never the full URL: paths
 * and query strings often carry tokens.
 */
export class WebhookTargetRefusedError extends Error {
  readonly code = 'MERIDIAN_WEBHOOK_TARGET_REFUSED';
  readonly statusCode = 400;
  constructor(
    readonly reason: WebhookTargetRefusal,
    detail: string,
  ) {
    super(`webhook target refused (${reason}): ${detail}`);
    this.name = 'WebhookTargetRefusedError';
  }
}

/** The host of a webhook URL could not be resolved now (DNS failure): worth another try later. */
export class WebhookTargetLookupError extends Error {
  readonly code = 'MERIDIAN_WEBHOOK_TARGET_LOOKUP_FAILED';
  readonly statusCode = 400;
  constructor(
    readonly hostname: string,
    options: { cause: unknown },
  ) {
    const cause = options.cause as { code?: unknown } | undefined;
    super(`could not resolve ${hostname}${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`, options);
    this.name = 'WebhookTargetLookupError';
  }
}

/** A webhook signing secret that is not `whsec_` followed by the base64 of 24 to 64 bytes. */
export class InvalidWebhookSecretError extends Error {
  readonly code = 'MERIDIAN_INVALID_WEBHOOK_SECRET';
  readonly statusCode = 500;
  constructor(reason: string) {
    // The secret itself is never part of the message: messages end up in logs.
    super(`invalid webhook secret: ${reason}`);
    this.name = 'InvalidWebhookSecretError';
  }
}

/** A mail setting that cannot work: a `from` without a domain, a malformed `SMTP_URL`. */
export class EmailConfigError extends Error {
  readonly code = 'MERIDIAN_EMAIL_CONFIG';
  readonly statusCode = 500;
  constructor(reason: string) {
    super(`e-mail configuration: ${reason}`);
    this.name = 'EmailConfigError';
  }
}

/**
 * The SMTP server could not be reached or refused the configuration (`verify()` at start-up).
 * The message names the failure, never `SMTP_URL` (it may carry a password).
 */
export class SmtpUnavailableError extends Error {
  readonly code = 'MERIDIAN_SMTP_UNAVAILABLE';
  readonly statusCode = 503;
  constructor(options: { cause: unknown }) {
    const cause = options.cause as { code?: unknown; responseCode?: unknown } | undefined;
    const what = [cause?.code, cause?.responseCode].filter((part) => part !== undefined).join(' ');
    super(`the SMTP server is not usable${what ? ` (${what})` : ''}`, options);
    this.name = 'SmtpUnavailableError';
  }
}
