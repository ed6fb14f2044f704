import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Temporal } from '@meridian/domain';

// Confirmation mails per address per hour: enough to retry a typo, too few to harass someone.
const CONFIRMATIONS_PER_HOUR = 3;

/**
 * The limit on confirmation mails per address, over a sliding hour. An address is kept only as a
 * keyed hash (HMAC with the service secret: a plain hash of an address is undone by hashing a
 * list of addresses), and only for the hour it counts in: older sends are deleted as new ones come.
 */
export const confirmationLimit = (db: Database.Database, secret: string) => {
  const forget = db.prepare<[before: number]>('DELETE FROM confirmation_sends WHERE sent_at <= ?');
  const sendsSince = db.prepare<[addressKey: string, after: number], { count: number; oldest: number | null }>(
    'SELECT COUNT(*) AS count, MIN(sent_at) AS oldest FROM confirmation_sends WHERE address_hash = ? AND sent_at > ?',
  );
  const record = db.prepare<[addressKey: string, sentAt: number]>('INSERT INTO confirmation_sends (address_hash, sent_at) VALUES (?, ?)');
  /**
   * Counts a confirmation mail to `address` now, or answers, without counting it, how many seconds
   * to wait until the oldest send counted leaves the hour.
   */
  return db.transaction((address: string, now: Temporal.Instant): { retryAfterSeconds: number } | undefined => {
    const hourAgo = now.subtract({ hours: 1 }).epochMilliseconds;
    forget.run(hourAgo);
    const key = createHmac('sha256', secret).update(mailboxOf(address)).digest('hex');
    const { count, oldest } = sendsSince.get(key, hourAgo)!;
    if (count >= CONFIRMATIONS_PER_HOUR) return { retryAfterSeconds: Math.max(1, Math.ceil((oldest! - hourAgo) / 1000)) };
    record.run(key, now.epochMilliseconds);
    return undefined;
  });
};

/**
 * The mailbox an address delivers to, as far as the limit is concerned: lower-cased, without a
 * `+tag` (most providers deliver `alice+1@` to `alice@`), and Gmail's dots left out (`a.lice@gmail.com`
 * is `alice@gmail.com`), so that variants of one address share its three mails an hour.
 *
 * @example
 * mailboxOf('A.Lice+agenda@GoogleMail.com') //=> 'alice@googlemail.com'
 */
export const mailboxOf = (address: string): string => {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1).toLowerCase();
  const local = address.slice(0, at).toLowerCase().replace(/\+.*$/, '');
  return `${GMAIL_DOMAINS.has(domain) ? local.replaceAll('.', '') : local}@${domain}`;
};

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

