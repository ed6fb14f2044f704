import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot, parseStoreUrl, type StoreLocation } from '@meridian/event-store';
import { ConfigError, parseBaseUrl, parseBoolean, parseCount, parsePort, parseSecret, parseTokens, type Env } from '@meridian/http';

export interface DkimConfig {
  readonly domainName: string;
  readonly keySelector: string;
  readonly privateKey: string;
}

/** Everything the notify service reads from its environment, validated once at start-up. */
export interface NotifyConfig {
  readonly port: number;
  readonly host: string;
  readonly store: StoreLocation;
  /** the notify service's own SQLite file (personal data, outbox, reminders) */
  readonly databasePath: string;
  /** null: no SMTP server, so e-mail subscriptions are refused */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly dkim: DkimConfig | null;
  /** this service's public base URL (confirmation and unsubscribe links) */
  readonly publicUrl: string;
  /** the schedule service's public base URL (agenda pages and feeds named in notices) */
  readonly scheduleUrl: string;
  readonly organisersByToken: ReadonlyMap<string, string>;
  readonly secret: string;
  readonly secretConfigured: boolean;
  readonly organizerEmail: string | null;
  readonly allowPrivateWebhooks: boolean;
  readonly rateLimit: number;
  readonly logLevel: string;
}

export const DEFAULT_PORT = 3001;

/**
 * Reads and validates the environment; every problem is reported at once.
 *
 * @example
 * loadNotifyConfig({ SMTP_URL: 'smtp://127.0.0.1:1025' }, randomSecret).smtpUrl //=> 'smtp://127.0.0.1:1025'
 */
export const loadNotifyConfig = (env: Env, randomSecret: () => string): NotifyConfig => {
  const problems: string[] = [];
  const port = parsePort(env.PORT, DEFAULT_PORT, problems);
  let store: StoreLocation = { kind: 'sqlite', path: '' };
  try {
    store = parseStoreUrl(env.MERIDIAN_STORE);
  } catch (error) {
    problems.push(`MERIDIAN_STORE: ${(error as Error).message}`);
  }
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push(`SMTP_URL: "${smtpUrl}" is not smtp://host:port or smtps://…`);
  const secret = parseSecret(env.MERIDIAN_SECRET, problems);
  const dkim = parseDkim(env, problems);
  const organizerEmail = env.MERIDIAN_ORGANIZER_EMAIL?.trim() || null;
  const config = {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    store,
    databasePath: env.MERIDIAN_NOTIFY_DB?.trim() || join(findRepoRoot() ?? process.cwd(), 'data', 'notify.db'),
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'Meridian <notices@localhost>',
    dkim,
    publicUrl: parseBaseUrl('MERIDIAN_PUBLIC_URL', env.MERIDIAN_PUBLIC_URL, problems) ?? `http://localhost:${port}`,
    scheduleUrl: parseBaseUrl('MERIDIAN_SCHEDULE_URL', env.MERIDIAN_SCHEDULE_URL, problems) ?? 'http://localhost:3000',
    organisersByToken: parseTokens(env.MERIDIAN_API_TOKENS, problems),
    secret: secret ?? randomSecret(),
    secretConfigured: secret !== null,
    organizerEmail,
    allowPrivateWebhooks: parseBoolean('MERIDIAN_WEBHOOK_ALLOW_PRIVATE', env.MERIDIAN_WEBHOOK_ALLOW_PRIVATE, problems),
    rateLimit: parseCount('MERIDIAN_RATE_LIMIT', env.MERIDIAN_RATE_LIMIT, 0, problems),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};

/** DKIM signing when `DKIM_DOMAIN`, `DKIM_SELECTOR` and a key (`DKIM_PRIVATE_KEY` or `_FILE`) are set. */
const parseDkim = (env: Env, problems: string[]): DkimConfig | null => {
  const domainName = env.DKIM_DOMAIN?.trim();
  const keySelector = env.DKIM_SELECTOR?.trim();
  let privateKey = env.DKIM_PRIVATE_KEY?.trim();
  const keyFile = env.DKIM_PRIVATE_KEY_FILE?.trim();
  if (!domainName && !keySelector && !privateKey && !keyFile) return null;
  if (keyFile) {
    try {
      privateKey = readFileSync(keyFile, 'utf8');
    } catch {
      problems.push(`DKIM_PRIVATE_KEY_FILE: cannot read ${keyFile}`);
    }
  }
  if (!domainName || !keySelector || !privateKey) {
    problems.push('DKIM: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) together');
    return null;
  }
  return { domainName, keySelector, privateKey };
};
