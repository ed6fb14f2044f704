import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactConnectionString, resolveFromRepoRoot } from '@meridian/event-store';
import { singleAddress } from './channels/mailbox.ts';
import { ConfigError, parseBaseUrl, parseBoolean, parseServiceConfig, type Env, type ServiceConfig } from '@meridian/http';

export interface DkimConfig {
  readonly domainName: string;
  readonly keySelector: string;
  readonly privateKey: string;
}

/** Everything the notify service reads from its environment, validated once at start-up. */
export interface NotifyConfig extends ServiceConfig {
  /** the notify service's own SQLite file (personal data, outbox, reminders) */
  readonly databasePath: string;
  /** null: no SMTP server, so e-mail subscriptions are refused */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** the address of `mailFrom`: the envelope's sender, and the organizer of invitations by default */
  readonly mailFromAddress: string;
  readonly dkim: DkimConfig | null;
  /** the schedule service's public base URL (agenda pages and feeds named in notices) */
  readonly scheduleUrl: string;
  readonly allowPrivateWebhooks: boolean;
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
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push(`SMTP_URL: "${redactConnectionString(smtpUrl)}" is not smtp://host:port or smtps://…`);
  const mailFrom = env.MAIL_FROM?.trim() || 'Meridian <notices@localhost>';
  const mailFromAddress = singleAddress(mailFrom);
  if (mailFromAddress === undefined) problems.push(`MAIL_FROM: "${mailFrom}" is not one address with a domain, such as Meridian <notices@example.org>`);
  const config = {
    ...parseServiceConfig(env, { defaultPort: DEFAULT_PORT, randomSecret }, problems),
    databasePath: resolveFromRepoRoot(env.MERIDIAN_NOTIFY_DB?.trim() || join('data', 'notify.db')),
    smtpUrl,
    mailFrom,
    mailFromAddress: mailFromAddress ?? '',
    dkim: parseDkim(env, problems),
    scheduleUrl: parseBaseUrl('MERIDIAN_SCHEDULE_URL', env.MERIDIAN_SCHEDULE_URL, problems) ?? 'http://localhost:3000',
    allowPrivateWebhooks: parseBoolean('MERIDIAN_WEBHOOK_ALLOW_PRIVATE', env.MERIDIAN_WEBHOOK_ALLOW_PRIVATE, problems),
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
