import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import type { ExistingMeeting } from '@meridian/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '@meridian/http';
import type { NotifyTables } from './db/tables.ts';
import type { MeetingLoader } from './meetings.ts';
import type { Composer } from './composer.ts';
import { storedTimestamp } from './timestamps.ts';
import { wantsEventType } from './event-types.ts';
import { isStillDue, reminderDeadline } from './reminder-plan.ts';
import { retimeReleaseRemindersInChunks } from './release-reminders.ts';
import { inDerivedTransaction } from './db/notify-database.ts';

// As many re-timed reminders in one transaction as the reactor re-times after a release.
const RETIME_CHUNK = 4096;

export interface ReminderSchedulerOptions {
  readonly db: Database.Database;
  readonly tables: NotifyTables;
  readonly meetings: MeetingLoader;
  readonly composer: Composer;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /**
   * a reminder due longer ago than this (e.g. the service was down) is marked missed, not sent:
   * not enqueued here, and not delivered by the worker once enqueued
   */
  readonly graceMs: number;
  /** look at least this often, so a clock that jumps or a plan made elsewhere is noticed */
  readonly maxSleepMs?: number;
  readonly onEnqueued?: () => void;
}

/**
 * Turns due reminder timers into outbox notifications, under the reminder's own id (so it is
 * never sent twice), and marks missed the ones due too long ago or no longer due (their session
 * cancelled or moved). Sleeps until the next timer.
 */
export class ReminderScheduler {
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #tick: Promise<void> = Promise.resolve();
  #retimedSinceStart = false;
  // Not `#running`, which is false before `start` too: a re-time run without `start` (tests, tools) goes on.
  #stopped = false;

  constructor(private readonly options: ReminderSchedulerOptions) {}

  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  /** Reminders were re-planned: the next one may be sooner. */
  poke(): void {
    if (this.#running) this.#schedule(0);
  }

  /**
   * Re-times every planned reminder to its session's start in the meeting's latest release, under
   * the tz rules in force now; the first tick after `start` runs it. A new Node carries a new tz
   * database: where a zone's rules changed, its sessions keep their wall times and move in time
   * (DESIGN.md), and reminders planned under the old rules would come at the old instants, or,
   * found no longer due when they come, not at all.
   */
  async retimePlanned(): Promise<void> {
    const { tables, meetings, clock } = this.options;
    for (const meetingId of tables.reminders.plannedMeetings()) {
      if (this.#stopped) return;
      const meeting = await meetings.load(meetingId);
      // A meeting gone, or without a release, has no session to re-time to: its reminders are
      // marked missed when due, as ever.
      if (meeting !== undefined) await this.#retime(meeting, clock.now().epochMilliseconds);
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    await this.#tick;
  }

  /** Enqueues every reminder due now; answers how many were enqueued. */
  async runDue(): Promise<number> {
    const { tables, clock, composer, meetings } = this.options;
    const now = clock.now();
    let enqueued = 0;
    for (;;) {
      const due = tables.reminders.due(now.epochMilliseconds, 500);
      if (due.length === 0) break;
      const work: (() => void)[] = [];
      const retime = new Map<string, ExistingMeeting>();
      for (const reminder of due) {
        const deadline = reminderDeadline(reminder.dueAt, reminder.minutesBefore, this.options.graceMs);
        if (now.epochMilliseconds > deadline) {
          work.push(() => tables.reminders.markMissed(reminder.id));
          continue;
        }
        const subscription = tables.subscriptions.get(reminder.subscriptionId);
        const contact = tables.contacts.get(reminder.subscriptionId);
        const meeting = await meetings.load(reminder.meetingId);
        const release = meeting?.releases.at(-1);
        const session = release?.sessions.get(reminder.sessionId);
        // Its subscriber, meeting or session went, or the subscription stopped wanting reminders
        // (planned by a version that did not ask), or the latest release cancelled its session and
        // the reactor, behind the store, has not dropped it yet: marked, it is not looked at again
        // (left planned, it would be due at once, again and again).
        if (
          subscription === undefined ||
          contact === undefined ||
          meeting === undefined ||
          release === undefined ||
          session?.status !== 'scheduled' ||
          subscription.status !== 'active' ||
          !wantsEventType(subscription, 'reminder.due')
        ) {
          work.push(() => tables.reminders.markMissed(reminder.id));
          continue;
        }
        // Its session starts at another instant than the one it was planned from: the latest release
        // moved it and the reactor is behind, or the tz rules changed. Re-timed from the latest
        // release, as the reactor would: marked missed instead, a session moved back before the
        // reactor caught up would not be reminded of at all.
        if (!isStillDue(reminder, release)) {
          retime.set(meeting.id, meeting);
          continue;
        }
        const notice = composer.reminderNotice({ subscription, meeting, session, minutesBefore: reminder.minutesBefore, reminderId: reminder.id });
        work.push(() => {
          // Loading the meeting awaited: a release may have re-timed or dropped the reminder since.
          if (!tables.reminders.markEnqueued(reminder.id)) return;
          tables.outbox.enqueue({
            ...notice,
            subscriptionId: subscription.subscriptionId,
            meetingId: meeting.id,
            createdAt: storedTimestamp(now),
            nextAttemptAt: now.epochMilliseconds,
            // The same deadline as here: what would not be enqueued this late is not sent this
            // late either (a restart after hours, retries that would go on for days, a session
            // begun), and a one-day reminder is not retried until the session begins.
            expiresAt: deadline,
          });
          enqueued += 1;
        });
      }
      inDerivedTransaction(this.options.db, () => work.forEach((step) => step()));
      for (const meeting of retime.values()) await this.#retime(meeting, now.epochMilliseconds);
    }
    if (enqueued > 0) this.options.onEnqueued?.();
    return enqueued;
  }

  async #retime(meeting: ExistingMeeting, nowMs: number): Promise<void> {
    const release = meeting.releases.at(-1);
    if (release === undefined) return;
    const options = { meeting, release, nowMs, graceMs: this.options.graceMs };
    await retimeReleaseRemindersInChunks(this.options.db, this.options.tables.reminders, options, RETIME_CHUNK, async () => {
      await nextMacrotask();
      return !this.#stopped;
    });
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#tick = this.#tick.then(() => this.#run());
    }, delayMs);
  }

  /** One tick; it never throws: a rejection would stop the scheduler for good. */
  async #run(): Promise<void> {
    if (!this.#running) return;
    const maxSleep = this.options.maxSleepMs ?? 30_000;
    // After a failure (e.g. the database busy beyond its timeout), the next look is a full sleep
    // away: looking again at once would spin on a failure that lasts.
    let wait = maxSleep;
    try {
      if (!this.#retimedSinceStart) {
        await this.retimePlanned();
        this.#retimedSinceStart = true;
      }
      await this.runDue();
      const next = this.options.tables.reminders.nextDueAt();
      if (next !== null) wait = Math.max(0, Math.min(maxSleep, next - this.options.clock.now().epochMilliseconds));
    } catch (error) {
      this.options.log.error({ err: error }, 'reminder run failed; trying again at the next tick');
    }
    if (this.#running) this.#schedule(wait);
  }
}
