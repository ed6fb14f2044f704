import type Database from 'better-sqlite3';
import { contactsTable } from './contacts.ts';
import { messageTemplatesTable } from './message-templates.ts';
import { outboxTable } from './outbox.ts';
import { remindersTable } from './reminders-table.ts';
import { subscriptionsTable } from './subscriptions-table.ts';

/** Every table of the notify database, with its prepared statements. */
export const notifyTables = (db: Database.Database) => {
  const templates = messageTemplatesTable(db);
  const outbox = outboxTable(db, templates);
  return {
    contacts: contactsTable(db, { eraseCopiesOf: outbox.eraseOf }),
    subscriptions: subscriptionsTable(db),
    templates,
    outbox,
    reminders: remindersTable(db),
  };
};

export type NotifyTables = ReturnType<typeof notifyTables>;
