import type Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '@meridian/http';
import type { NotifyTables } from './db/tables.ts';
import type { MeetingLoader } from './meetings.ts';
import type { Composer } from './composer.ts';
import { storedTimestamp } from './timestamps.ts';
import { wantsEventType } from './event-types.ts';

export interface ReminderSchedulerOptions {
  readonly db: Database.Database;
  readonly tables: NotifyTables;
  readonly meetings: MeetingLoader;
  readonly composer: Composer;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  /** a reminder due longer ago than this (e.g. the service was down) is marked missed, not sent */
  readonly graceMs: number;
  /** look at least this often, so a clock that jumps or a plan made elsewhere is noticed */
  readonly maxSleepMs?: number;
  readonly onEnqueued?: () => void;
}

/**
 * Turns due reminder timers into outbox notifications, under the reminder's own id (so it is
 * never sent twice), and marks the ones due too long ago as missed. Sleeps until the next timer.
 */
export class ReminderScheduler {
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #tick: Promise<void> = Promise.resolve();

  constructor(private readonly options: ReminderSchedulerOptions) {}

  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  /** Reminders were re-planned: the next one may be sooner. */
  poke(): void {
    if (this.#running) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
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
      for (const reminder of due) {
        if (reminder.dueAt < now.epochMilliseconds - this.options.graceMs) {
          work.push(() => tables.reminders.markMissed(reminder.id));
          continue;
        }
        const subscription = tables.subscriptions.get(reminder.subscriptionId);
        const contact = tables.contacts.get(reminder.subscriptionId);
        const meeting = await meetings.load(reminder.meetingId);
        const session = meeting?.releases.at(-1)?.sessions.get(reminder.sessionId);
        // Its subscriber, meeting or session went, or the subscription stopped wanting reminders (planned by a version that did not ask).
        if (
          subscription === undefined ||
          contact === undefined ||
          meeting === undefined ||
          session === undefined ||
          subscription.status !== 'active' ||
          !wantsEventType(subscription, 'reminder.due')
        ) {
          work.push(() => tables.reminders.markMissed(reminder.id));
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
          });
          enqueued += 1;
        });
      }
      this.options.db.transaction(() => work.forEach((step) => step()))();
    }
    if (enqueued > 0) this.options.onEnqueued?.();
    return enqueued;
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#tick = this.#tick.then(() => this.#run());
    }, delayMs);
  }

  async #run(): Promise<void> {
    if (!this.#running) return;
    try {
      await this.runDue();
    } catch (error) {
      this.options.log.error({ err: error }, 'reminder run failed');
    }
    if (!this.#running) return;
    const next = this.options.tables.reminders.nextDueAt();
    const maxSleep = this.options.maxSleepMs ?? 30_000;
    const wait = next === null ? maxSleep : Math.max(0, Math.min(maxSleep, next - this.options.clock.now().epochMilliseconds));
    this.#schedule(wait);
  }
}
