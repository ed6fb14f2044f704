import type Database from 'better-sqlite3';

export interface PlannedReminder {
  readonly id: string;
  readonly subscriptionId: string;
  readonly meetingId: string;
  readonly sessionId: string;
  readonly minutesBefore: number;
  /** epoch ms */
  readonly dueAt: number;
}

interface Row {
  id: string;
  subscription_id: string;
  meeting_id: string;
  session_id: string;
  minutes_before: number;
  due_at: number;
}

const fromRow = (row: Row): PlannedReminder => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  meetingId: row.meeting_id,
  sessionId: row.session_id,
  minutesBefore: row.minutes_before,
  dueAt: row.due_at,
});

/** Durable reminder timers: planned from the latest release, enqueued when due, never twice. */
export const remindersTable = (db: Database.Database) => {
  const insert = db.prepare(`
    INSERT INTO reminders (id, subscription_id, meeting_id, session_id, minutes_before, due_at, status)
    VALUES (?, ?, ?, ?, ?, ?, 'planned') ON CONFLICT (id) DO NOTHING`);
  const plannedOf = db.prepare("SELECT id FROM reminders WHERE subscription_id = ? AND status = 'planned'");
  const remove = db.prepare("DELETE FROM reminders WHERE id = ? AND status = 'planned'");
  const dropAll = db.prepare("DELETE FROM reminders WHERE subscription_id = ? AND status = 'planned'");
  const due = db.prepare("SELECT * FROM reminders WHERE status = 'planned' AND due_at <= ? ORDER BY due_at LIMIT ?");
  const setStatus = db.prepare('UPDATE reminders SET status = ? WHERE id = ?');
  const next = db.prepare("SELECT MIN(due_at) AS due_at FROM reminders WHERE status = 'planned'");
  return {
    /**
     * Makes the planned reminders of a subscription exactly `wanted`: new ones are added, ones no
     * longer wanted (a moved or cancelled session) dropped; ids already enqueued are kept as they
     * are, so a re-released session whose time did not change does not remind twice.
     */
    replan(subscriptionId: string, wanted: readonly PlannedReminder[]): void {
      const keep = new Set(wanted.map((reminder) => reminder.id));
      const planned = new Set((plannedOf.all(subscriptionId) as { id: string }[]).map(({ id }) => id));
      for (const id of planned) if (!keep.has(id)) remove.run(id);
      // A release re-plans every subscriber: most of their reminders are planned already.
      for (const reminder of wanted) {
        if (planned.has(reminder.id)) continue;
        insert.run(reminder.id, reminder.subscriptionId, reminder.meetingId, reminder.sessionId, reminder.minutesBefore, reminder.dueAt);
      }
    },
    dropAllOf(subscriptionId: string): void {
      dropAll.run(subscriptionId);
    },
    due(nowMs: number, limit: number): PlannedReminder[] {
      return (due.all(nowMs, limit) as Row[]).map(fromRow);
    },
    markEnqueued(id: string): void {
      setStatus.run('enqueued', id);
    },
    markMissed(id: string): void {
      setStatus.run('missed', id);
    },
    /** epoch ms of the next planned reminder, or null */
    nextDueAt(): number | null {
      return (next.get() as { due_at: number | null }).due_at;
    },
  };
};

export type RemindersTable = ReturnType<typeof remindersTable>;
