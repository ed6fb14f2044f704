import type Database from 'better-sqlite3';

/** A webhook signing secret; a rotated-out one keeps signing until it expires. */
export interface SigningSecret {
  readonly secret: string;
  /** epoch ms; null for the current secret */
  readonly expiresAt: number | null;
}

export interface Contact {
  readonly subscriptionId: string;
  readonly address: string | null;
  readonly url: string | null;
  readonly secrets: readonly SigningSecret[];
}

interface Row {
  subscription_id: string;
  address: string | null;
  url: string | null;
  secrets: string;
}

const fromRow = (row: Row): Contact => ({ subscriptionId: row.subscription_id, address: row.address, url: row.url, secrets: JSON.parse(row.secrets) as SigningSecret[] });

/** How `contactsTable` erases a subscriber. */
export interface ContactsTableOptions {
  /** erases what other tables hold of a subscriber, in the transaction that deletes their contact */
  readonly eraseCopiesOf: (subscriptionId: string) => void;
}

/**
 * The personal data of subscriptions: e-mail addresses, webhook URLs and secrets. Never in an
 * event; `erase` deletes it for good when a subscription ends, with every copy of it elsewhere.
 */
export const contactsTable = (db: Database.Database, options: ContactsTableOptions) => {
  const insert = db.prepare(
    'INSERT INTO contacts (subscription_id, address, url, secrets, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const select = db.prepare('SELECT subscription_id, address, url, secrets FROM contacts WHERE subscription_id = ?');
  const selectMany = db.prepare('SELECT subscription_id, address, url, secrets FROM contacts WHERE subscription_id IN (SELECT value FROM json_each(?))');
  const updateSecrets = db.prepare('UPDATE contacts SET secrets = ? WHERE subscription_id = ?');
  const remove = db.prepare('DELETE FROM contacts WHERE subscription_id = ?');
  // `other.address IS NOT NULL` lets SQLite use the partial index on the address (checked with
  // EXPLAIN QUERY PLAN): without it, the meeting's subscriptions were scanned instead.
  const otherSubscriptionsOfAddress = db
    .prepare<[{ subscriptionId: string; meetingId: string }], string>(
      `SELECT other.subscription_id FROM contacts mine
       JOIN contacts other ON lower(other.address) = lower(mine.address) AND other.address IS NOT NULL AND other.subscription_id <> mine.subscription_id
       JOIN subscriptions ON subscriptions.subscription_id = other.subscription_id AND subscriptions.meeting_id = @meetingId
       WHERE mine.subscription_id = @subscriptionId AND mine.address IS NOT NULL`,
    )
    .pluck();
  // Hourly at most, over the whole table: no index is worth its writes for it.
  const unconfirmedSince = db
    .prepare<[createdBefore: string], string>(
      "SELECT subscription_id FROM contacts JOIN subscriptions USING (subscription_id) WHERE subscriptions.status = 'pending' AND contacts.created_at < ?",
    )
    .pluck();
  const orphansBefore = db
    .prepare<[createdBefore: string], string>(
      'SELECT subscription_id FROM contacts WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE subscriptions.subscription_id = contacts.subscription_id)',
    )
    .pluck();
  const erase = db.transaction((subscriptionId: string) => {
    options.eraseCopiesOf(subscriptionId);
    remove.run(subscriptionId);
  });
  return {
    add(contact: Contact, createdAt: string): void {
      insert.run(contact.subscriptionId, contact.address, contact.url, JSON.stringify(contact.secrets), createdAt);
    },
    get(subscriptionId: string): Contact | undefined {
      const row = select.get(subscriptionId) as Row | undefined;
      return row === undefined ? undefined : fromRow(row);
    },
    /** The contacts of several subscriptions in one statement (one read transaction), by subscription id; erased ones are missing. */
    getMany(subscriptionIds: readonly string[]): Map<string, Contact> {
      return new Map((selectMany.all(JSON.stringify(subscriptionIds)) as Row[]).map((row) => [row.subscription_id, fromRow(row)]));
    },
    /**
     * The other subscriptions to a meeting whose contact is this subscription's e-mail address
     * (letter case aside); ended ones have no contact left.
     */
    otherSubscriptionsOfAddress(subscriptionId: string, meetingId: string): string[] {
      return otherSubscriptionsOfAddress.all({ subscriptionId, meetingId });
    },
    setSecrets(subscriptionId: string, secrets: readonly SigningSecret[]): void {
      updateSecrets.run(JSON.stringify(secrets), subscriptionId);
    },
    /**
     * Erases the contacts stored before `createdBefore` that no subscription names: a request that
     * stored its contact and then failed, or died, before its event was written. Call it only
     * with the subscriptions table caught up with the store; answers how many were erased.
     */
    eraseOrphans(createdBefore: string): number {
      const orphans = orphansBefore.all(createdBefore);
      for (const subscriptionId of orphans) erase(subscriptionId);
      return orphans.length;
    },
    /** The subscriptions still waiting for their confirmation whose contact was given before `createdBefore`. */
    unconfirmedSince(createdBefore: string): string[] {
      return unconfirmedSince.all(createdBefore);
    },
    /** Erases a subscriber's contact and its copies at once (idempotent). */
    erase(subscriptionId: string): void {
      erase(subscriptionId);
    },
  };
};

export type ContactsTable = ReturnType<typeof contactsTable>;

/** The secrets that sign now: the current one and those still in their grace period. */
export const signingSecrets = (contact: Contact, nowMs: number): string[] =>
  contact.secrets.filter((entry) => entry.expiresAt === null || entry.expiresAt > nowMs).map((entry) => entry.secret);
