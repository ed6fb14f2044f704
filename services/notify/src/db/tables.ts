import type Database from 'better-sqlite3';
import { contactsTable } from './contacts.ts';
import { messageTemplatesTable } from './message-templates.ts';
import { outboxTable } from './outbox.ts';
import { remindersTable } from './reminders-table.ts';
import { subscriptionsTable } from './subscriptions-table.ts';

/** Every table of the notify database, with its prepared statements. */
export const notifyTables = (db: Database.Database) => {
  const templates = messageTemplatesTable(db);
  return {
    contacts: contactsTable(db),
    subscriptions: subscriptionsTable(db),
    templates,
    outbox: outboxTable(db, templates),
    reminders: remindersTable(db),
  };
};

export type NotifyTables = ReturnType<typeof notifyTables>;
