import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { decide, evolve, initialState, meetingStream, Temporal, type Meeting, type MeetingCommand } from '@meridian/domain';
import type { NewEvent, SqliteEventStore } from '@meridian/event-store';

/** The bench's organiser token (configured by the bench as `bench=<token>`). */
export const BENCH_TOKEN = 'bench-organiser-token-0123456789';
export const BENCH_ORGANISER = 'bench';
/** Everything is scheduled in March 2031: upcoming for the bench's clock (2031-01-01). */
export const BENCH_NOW = Temporal.Instant.from('2031-01-01T09:00:00Z');

const KINDS = ['keynote', 'panel', 'workshop', 'panel', 'other'] as const;
const TOPICS = ['Human rights cities', 'Local budgets and participation', 'Housing and the right to the city', 'Data, privacy and public services', 'Climate adaptation in small towns'];

/** The `index`-th session of a programme: ten 40-minute slots a day, one after the other. */
export const sessionInput = (index: number, firstDay = '2031-03-17') => {
  const day = Temporal.PlainDate.from(firstDay).add({ days: Math.floor(index / 10) });
  const start = Temporal.PlainDateTime.from(`${day.toString()}T08:00`).add({ minutes: (index % 10) * 50 });
  const end = start.add({ minutes: 40 });
  const wall = (time: Temporal.PlainDateTime) => time.toString({ smallestUnit: 'minute' });
  return {
    id: `s${String(index).padStart(3, '0')}`,
    title: `Session ${index + 1}: ${TOPICS[index % TOPICS.length]}`,
    kind: KINDS[index % KINDS.length],
    start: wall(start),
    end: wall(end),
    description: `Panel discussion on ${TOPICS[index % TOPICS.length]!.toLowerCase()}, with questions from the floor. Interpretation in English, French and Spanish.`,
    speakers: [
      { id: `sp${index}a`, name: `Speaker ${index} A`, affiliation: 'City of Example', role: 'moderator' },
      { id: `sp${index}b`, name: `Speaker ${index} B`, affiliation: 'United Nations', role: 'panelist' },
    ],
  };
};

const authorised = { authorization: `Bearer ${BENCH_TOKEN}` };

const must = async (what: string, response: Promise<{ statusCode: number; body: string }>, status: number) => {
  const answer = await response;
  if (answer.statusCode !== status) throw new Error(`${what}: HTTP ${answer.statusCode} ${answer.body.slice(0, 300)}`);
  return answer;
};

/**
 * A released meeting of `sessions` sessions, created through the service's own routes (in-process
 * `inject`, one durable command per session).
 */
export const createMeetingThroughRoutes = async (app: FastifyInstance, sessions: number, options: { release?: boolean; title?: string } = {}): Promise<string> => {
  const created = await must(
    'create meeting',
    app.inject({
      method: 'POST',
      url: '/meetings',
      headers: authorised,
      payload: { title: options.title ?? 'Forum of local governments on human rights', timeZone: 'Europe/Zurich', location: { name: 'Palais des Nations, Geneva' } },
    }),
    201,
  );
  const meetingId = (JSON.parse(created.body) as { id: string }).id;
  for (let index = 0; index < sessions; index += 1) {
    await must(`add session ${index}`, app.inject({ method: 'POST', url: `/meetings/${meetingId}/sessions`, headers: authorised, payload: sessionInput(index) }), 201);
  }
  if (options.release !== false) {
    await must('release', app.inject({ method: 'POST', url: `/meetings/${meetingId}/releases`, headers: authorised, payload: { label: 'Rev.1' } }), 201);
  }
  return meetingId;
};

/**
 * `meetings` released meetings of `sessions` sessions each, written through the store rather than
 * the routes (a route costs one fsync per command; this costs one in all). The programme of a
 * meeting is decided once per zone by the domain's own `decide`/`evolve` (Europe/Zurich and
 * America/New_York, alternating); each meeting gets those events under its own id (only
 * `MeetingCreated` names the meeting), appended as one batch to its stream, and every append
 * runs inside one outer transaction (a savepoint each). Answers the meeting ids.
 */
export const seedMeetingsThroughStore = async (store: SqliteEventStore, meetings: number, sessions: number): Promise<string[]> => {
  const context = { actor: BENCH_ORGANISER, now: BENCH_NOW };
  const metadata = { actor: BENCH_ORGANISER, correlationId: 'bench-seed', causationId: null, occurredAt: BENCH_NOW.toString() };
  const programme = (timeZone: string) => {
    const meetingId = randomUUID();
    const commands: MeetingCommand[] = [
      { type: 'CreateMeeting', meetingId, context, data: { title: `Meeting in ${timeZone}`, timeZone, location: { name: 'Online' } } },
      ...Array.from({ length: sessions }, (_, index): MeetingCommand => {
        const { id, ...session } = sessionInput(index);
        return { type: 'AddSession', meetingId, context, data: { ...session, sessionId: id } };
      }),
      { type: 'ReleaseAgenda', meetingId, context, data: { label: 'Rev.1' } },
    ];
    let state: Meeting = initialState();
    const events: { type: string; data: unknown }[] = [];
    for (const command of commands) {
      for (const event of decide(command, state)) {
        state = evolve(state, event);
        events.push(event);
      }
    }
    return events;
  };
  const templates = [programme('Europe/Zurich'), programme('America/New_York')];
  const batches: { stream: string; events: NewEvent[] }[] = [];
  const meetingIds: string[] = [];
  for (let m = 0; m < meetings; m += 1) {
    const meetingId = randomUUID();
    meetingIds.push(meetingId);
    const events = templates[m % templates.length]!.map((event, index): NewEvent => ({
      id: randomUUID(),
      type: event.type,
      data: index === 0 ? { ...(event.data as object), meetingId, title: `Meeting ${m}` } : event.data,
      metadata,
    }));
    batches.push({ stream: meetingStream(meetingId), events });
  }
  const appended: Promise<unknown>[] = [];
  store.database.transaction(() => {
    for (const batch of batches) appended.push(store.append(batch.stream, batch.events, { expectedVersion: 0 }));
  })();
  await Promise.all(appended);
  return meetingIds;
};
