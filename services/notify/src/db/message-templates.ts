import type Database from 'better-sqlite3';
import type { MessageTemplate } from '../message-template.ts';

/**
 * The message templates that outbox rows point to: stored once per release, zone, language and
 * interest instead of once per subscriber. Immutable and content-addressed, so saving one twice is
 * a no-op and a template read once may be kept by its reader (`outgoingMessages` keeps what it
 * made of it).
 */
export const messageTemplatesTable = (db: Database.Database) => {
  const insert = db.prepare('INSERT INTO outbox_templates (id, parts) VALUES (?, ?) ON CONFLICT (id) DO NOTHING');
  const select = db.prepare('SELECT parts FROM outbox_templates WHERE id = ?');
  return {
    save(template: MessageTemplate): void {
      insert.run(template.id, JSON.stringify(template.parts));
    },
    /** the parts of a stored template; throws when there is none (an outbox row never outlives its template) */
    partsOf(id: string): readonly string[] {
      const row = select.get(id) as { parts: string } | undefined;
      if (row === undefined) throw new Error(`outbox template ${id} is missing`);
      return JSON.parse(row.parts) as string[];
    },
  };
};

export type MessageTemplatesTable = ReturnType<typeof messageTemplatesTable>;
