import { parseStoreUrl, type StoreLocation } from '@meridian/event-store';
import { ConfigError, parseBaseUrl, parseCount, parsePort, parseSecret, parseTokens, type Env } from '@meridian/http';

/** Everything the schedule service reads from its environment, validated once at start-up. */
export interface ScheduleConfig {
  readonly port: number;
  readonly host: string;
  readonly store: StoreLocation;
  /** organiser id by bearer token */
  readonly organisersByToken: ReadonlyMap<string, string>;
  /** absolute base of every link the service prints (feeds, webcal, pages), without trailing slash */
  readonly publicUrl: string;
  /** where the agenda page's "notify me" form posts, when a notify service runs */
  readonly notifyUrl: string | null;
  /** iCalendar ORGANIZER address */
  readonly organizerEmail: string | null;
  /** signs personal-feed links */
  readonly secret: string;
  /** false when no MERIDIAN_SECRET was set and a per-process one signs links (they die with it) */
  readonly secretConfigured: boolean;
  /** requests per minute per client on public routes; 0 turns rate limiting off */
  readonly rateLimit: number;
  readonly logLevel: string;
}

export const DEFAULT_PORT = 3000;

/**
 * Reads and validates the environment; every problem is reported at once.
 *
 * @example
 * loadScheduleConfig({ MERIDIAN_API_TOKENS: 'ohchr=0123456789abcdef' }, randomSecret).organisersByToken.get('0123456789abcdef')
 * //=> 'ohchr'
 */
export const loadScheduleConfig = (env: Env, randomSecret: () => string): ScheduleConfig => {
  const problems: string[] = [];
  const port = parsePort(env.PORT, DEFAULT_PORT, problems);
  let store: StoreLocation = { kind: 'sqlite', path: '' };
  try {
    store = parseStoreUrl(env.MERIDIAN_STORE);
  } catch (error) {
    problems.push(`MERIDIAN_STORE: ${(error as Error).message}`);
  }
  const organisersByToken = parseTokens(env.MERIDIAN_API_TOKENS, problems);
  const publicUrl = parseBaseUrl('MERIDIAN_PUBLIC_URL', env.MERIDIAN_PUBLIC_URL, problems) ?? `http://localhost:${port}`;
  const notifyUrl = parseBaseUrl('MERIDIAN_NOTIFY_URL', env.MERIDIAN_NOTIFY_URL, problems);
  const organizerEmail = env.MERIDIAN_ORGANIZER_EMAIL?.trim() || null;
  if (organizerEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(organizerEmail)) {
    problems.push(`MERIDIAN_ORGANIZER_EMAIL: "${organizerEmail}" is not an e-mail address`);
  }
  const secret = parseSecret(env.MERIDIAN_SECRET, problems);
  const rateLimit = parseCount('MERIDIAN_RATE_LIMIT', env.MERIDIAN_RATE_LIMIT, 0, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    store,
    organisersByToken,
    publicUrl,
    notifyUrl,
    organizerEmail,
    secret: secret ?? randomSecret(),
    secretConfigured: secret !== null,
    rateLimit,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
  };
};
