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
    const key = createHmac('sha256', secret).update(address.toLowerCase()).digest('hex');
    const { count, oldest } = sendsSince.get(key, hourAgo)!;
    if (count >= CONFIRMATIONS_PER_HOUR) return { retryAfterSeconds: Math.max(1, Math.ceil((oldest! - hourAgo) / 1000)) };
    record.run(key, now.epochMilliseconds);
    return undefined;
  });
};
