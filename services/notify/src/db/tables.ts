import type Database from 'better-sqlite3';
import { contactsTable } from './contacts.ts';
import { outboxTable } from './outbox.ts';
import { remindersTable } from './reminders-table.ts';
import { subscriptionsTable } from './subscriptions-table.ts';

/** Every table of the notify database, with its prepared statements. */
export const notifyTables = (db: Database.Database) => ({
  contacts: contactsTable(db),
  subscriptions: subscriptionsTable(db),
  outbox: outboxTable(db),
  reminders: remindersTable(db),
});

export type NotifyTables = ReturnType<typeof notifyTables>;
