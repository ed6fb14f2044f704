import { parseStoreUrl, type StoreLocation } from '@meridian/event-store';
import { parseBaseUrl, parseCount, parseLogLevel, parsePort, parseSecret, parseTokens, parseTrustedProxies, type Env } from './env.ts';

/** What both services read from their environment in the same way. */
export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  readonly store: StoreLocation;
  /** organiser id by bearer token (`MERIDIAN_API_TOKENS`) */
  readonly organisersByToken: ReadonlyMap<string, string>;
  /** absolute base of every link the service prints, without trailing slash */
  readonly publicUrl: string;
  /** iCalendar ORGANIZER address */
  readonly organizerEmail: string | null;
  /** signs the links the service prints */
  readonly secret: string;
  /** false when no MERIDIAN_SECRET was set and a per-process one signs links (they die with it) */
  readonly secretConfigured: boolean;
  /** requests per minute per client on public routes; 0 turns rate limiting off */
  readonly rateLimit: number;
  /** the reverse proxies whose `X-Forwarded-For` names the client (`MERIDIAN_TRUST_PROXY`), or null */
  readonly trustedProxies: readonly string[] | null;
  readonly logLevel: string;
}

export interface ServiceConfigOptions {
  readonly defaultPort: number;
  /** the per-process secret when MERIDIAN_SECRET is unset */
  readonly randomSecret: () => string;
}

/**
 * Parses the variables both services share, reporting each wrong one into `problems` (the caller
 * adds its own and throws one ConfigError for all).
 *
 * @example
 * parseServiceConfig({ PORT: '8080' }, { defaultPort: 3000, randomSecret }, []).publicUrl //=> 'http://localhost:8080'
 */
export const parseServiceConfig = (env: Env, options: ServiceConfigOptions, problems: string[]): ServiceConfig => {
  const port = parsePort(env.PORT, options.defaultPort, problems);
  let store: StoreLocation = { kind: 'sqlite', path: '' };
  try {
    store = parseStoreUrl(env.MERIDIAN_STORE);
  } catch (error) {
    problems.push(`MERIDIAN_STORE: ${(error as Error).message}`);
  }
  const organizerEmail = env.MERIDIAN_ORGANIZER_EMAIL?.trim() || null;
  if (organizerEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(organizerEmail)) {
    problems.push(`MERIDIAN_ORGANIZER_EMAIL: "${organizerEmail}" is not an e-mail address`);
  }
  const secret = parseSecret(env.MERIDIAN_SECRET, problems);
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    store,
    organisersByToken: parseTokens(env.MERIDIAN_API_TOKENS, problems),
    publicUrl: parseBaseUrl('MERIDIAN_PUBLIC_URL', env.MERIDIAN_PUBLIC_URL, problems) ?? `http://localhost:${port}`,
    organizerEmail,
    secret: secret ?? options.randomSecret(),
    secretConfigured: secret !== null,
    rateLimit: parseCount('MERIDIAN_RATE_LIMIT', env.MERIDIAN_RATE_LIMIT, 0, problems),
    trustedProxies: parseTrustedProxies(env.MERIDIAN_TRUST_PROXY, problems),
    logLevel: parseLogLevel(env.LOG_LEVEL, problems),
  };
};
