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

/** A reminder's id and due instant (epoch ms) after its session moved. */
export interface Retimed {
  readonly id: string;
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

/**
 * What identifies a reminder as its id does (subscription, session, minutes before, due instant),
 * without working out the id's hash.
 *
 * @example
 * reminderKey('sub-1', 'opening', 15, 1_931_500_000_000) //=> 'sub-1\u0000opening\u000015\u00001931500000000'
 */
export const reminderKey = (subscriptionId: string, sessionId: string, minutesBefore: number, dueAt: number): string =>
  `${subscriptionId}\u0000${sessionId}\u0000${minutesBefore}\u0000${dueAt}`;

/** Durable reminder timers: planned from the latest release, enqueued when due, never twice. */
export const remindersTable = (db: Database.Database) => {
  const insert = db.prepare(`
    INSERT INTO reminders (id, subscription_id, meeting_id, session_id, minutes_before, due_at, status)
    VALUES (?, ?, ?, ?, ?, ?, 'planned') ON CONFLICT (id) DO NOTHING`);
  const plannedOf = db.prepare("SELECT id FROM reminders WHERE subscription_id = ? AND status = 'planned'");
  const remove = db.prepare("DELETE FROM reminders WHERE id = ? AND status = 'planned'");
  const dropAll = db.prepare("DELETE FROM reminders WHERE subscription_id = ? AND status = 'planned'");
  const due = db.prepare("SELECT * FROM reminders WHERE status = 'planned' AND due_at <= ? ORDER BY due_at LIMIT ?");
  // Only a reminder still planned under this id: a release may have re-timed it (a new id) or
  // dropped it while its sending was being prepared.
  const settle = db.prepare("UPDATE reminders SET status = ? WHERE id = ? AND status = 'planned'");
  const next = db.prepare("SELECT MIN(due_at) AS due_at FROM reminders WHERE status = 'planned'");
  const plannedMeetings = db.prepare("SELECT DISTINCT meeting_id FROM reminders WHERE status = 'planned'").pluck();
  // A reminder is due `minutes_before` before its session's start: one that is not (the session
  // moved) is re-timed. The `reminders_by_session_start` index finds them without reading the ones still right.
  const plannedElsewhere = db.prepare(`
    SELECT rowid AS row, subscription_id, minutes_before FROM reminders WHERE meeting_id = @meetingId AND session_id = @sessionId AND status = 'planned'
      AND (due_at + minutes_before * 60000 < @start OR due_at + minutes_before * 60000 > @start) LIMIT @limit`);
  const retime = db.prepare('UPDATE OR IGNORE reminders SET id = ?, due_at = ? WHERE rowid = ?');
  const removeRow = db.prepare('DELETE FROM reminders WHERE rowid = ?');
  // One whose session is not scheduled any more (cancelled, removed) is no longer wanted.
  const dropGone = db.prepare(`
    DELETE FROM reminders WHERE meeting_id = ? AND status = 'planned' AND session_id NOT IN (SELECT value FROM json_each(?))`);
  // Sent to the outbox, due within the last `@since`, and planned from a start its session no
  // longer has (moved, or not scheduled any more): `reminders_due` finds the recent ones.
  const enqueuedOffSchedule = db.prepare(`
    SELECT reminders.id FROM reminders
    LEFT JOIN (SELECT value ->> 0 AS session_id, value ->> 1 AS start FROM json_each(@starts)) AS scheduled USING (session_id)
    WHERE status = 'enqueued' AND due_at >= @since AND meeting_id = @meetingId
      AND (scheduled.start IS NULL OR due_at + minutes_before * 60000 <> scheduled.start)`).pluck();
  const keysOfSessions = db.prepare(
    'SELECT subscription_id, session_id, minutes_before, due_at FROM reminders WHERE meeting_id = ? AND session_id IN (SELECT value FROM json_each(?))',
  );
  const add = (reminders: readonly PlannedReminder[]): void => {
    for (const reminder of reminders) insert.run(reminder.id, reminder.subscriptionId, reminder.meetingId, reminder.sessionId, reminder.minutesBefore, reminder.dueAt);
  };
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
      add(wanted);
    },
    /** After a release, one statement for all its subscribers: drops the planned reminders of a meeting's sessions not in `scheduled`. */
    dropGone(meetingId: string, scheduled: readonly string[]): void {
      dropGone.run(meetingId, JSON.stringify(scheduled));
    },
    /**
     * After a release, re-times up to `limit` planned reminders of a session planned from another
     * start than `start` (epoch ms): each keeps its row and gets the id and due instant `retimed`
     * answers, so only the index entries of those two change (dropping and adding it again rewrote
     * every index of the table, two of them keyed by hashes or subscriptions, all over). Dropped
     * instead: one `retimed` answers null for (due too long ago), and one whose new id is recorded
     * already (sent before its session moved away and back). Answers how many were re-timed or dropped.
     */
    retimeSession(meetingId: string, sessionId: string, start: number, limit: number, retimed: (subscriptionId: string, minutesBefore: number) => Retimed | null): number {
      const planned = plannedElsewhere.all({ meetingId, sessionId, start, limit }) as { row: number; subscription_id: string; minutes_before: number }[];
      for (const { row, subscription_id: subscriptionId, minutes_before: minutesBefore } of planned) {
        const next = retimed(subscriptionId, minutesBefore);
        if (next === null || retime.run(next.id, next.dueAt, row).changes === 0) removeRow.run(row);
      }
      return planned.length;
    },
    /**
     * The ids of a meeting's reminders enqueued since `sinceMs` (epoch ms) whose session is not in
     * `starts` (session id → start, epoch ms) or starts elsewhere than they were planned from.
     */
    enqueuedOffSchedule(meetingId: string, starts: ReadonlyMap<string, number>, sinceMs: number): string[] {
      return enqueuedOffSchedule.all({ meetingId, starts: JSON.stringify([...starts]), since: sinceMs }) as string[];
    },
    /** The `reminderKey` of every reminder of these sessions of a meeting, whatever its status. */
    keysOf(meetingId: string, sessionIds: Iterable<string>): Set<string> {
      const keys = new Set<string>();
      for (const row of keysOfSessions.iterate(meetingId, JSON.stringify([...sessionIds])) as Iterable<Pick<Row, 'subscription_id' | 'session_id' | 'minutes_before' | 'due_at'>>) {
        keys.add(reminderKey(row.subscription_id, row.session_id, row.minutes_before, row.due_at));
      }
      return keys;
    },
    /** Records planned reminders; ids recorded before are left as they are. */
    add,
    dropAllOf(subscriptionId: string): void {
      dropAll.run(subscriptionId);
    },
    due(nowMs: number, limit: number): PlannedReminder[] {
      return (due.all(nowMs, limit) as Row[]).map(fromRow);
    },
    /** Marks a planned reminder enqueued; false when it is no longer planned under this id. */
    markEnqueued(id: string): boolean {
      return settle.run('enqueued', id).changes === 1;
    },
    markMissed(id: string): void {
      settle.run('missed', id);
    },
    /** the meetings with planned reminders */
    plannedMeetings(): string[] {
      return plannedMeetings.all() as string[];
    },
    /** epoch ms of the next planned reminder, or null */
    nextDueAt(): number | null {
      return (next.get() as { due_at: number | null }).due_at;
    },
  };
};

export type RemindersTable = ReturnType<typeof remindersTable>;
