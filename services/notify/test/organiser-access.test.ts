import t from 'tap';
import { createReferenceMeeting, OHCHR_TOKEN, startSystem, UCLG_TOKEN } from './support/system.ts';

t.setTimeout(120_000);

// DESIGN.md, HTTP conventions: another organiser's meeting is a 403 once released (it is public),
// a 404 before (a draft does not leak its existence) — as the schedule service answers.
t.test('another organiser is refused a meeting\'s webhooks and deliveries: 403 once released, 404 for a draft', async (t) => {
  const system = await startSystem(t);
  const released = await createReferenceMeeting(system);
  const draft = (await system.as(OHCHR_TOKEN, { method: 'POST', url: '/meetings', payload: { title: 'Spring plenary', timeZone: 'Europe/Zurich' } })).json().id as string;
  const other = { authorization: `Bearer ${UCLG_TOKEN}` };
  t.equal((await system.as(UCLG_TOKEN, { url: `/meetings/${released}/history` })).statusCode, 403, 'the schedule service\'s answer');
  for (const list of ['webhooks', 'deliveries']) {
    const refused = await system.notify.inject({ url: `/${list}?meetingId=${released}`, headers: other });
    t.equal(refused.statusCode, 403, `${list} of a released meeting: ${refused.body}`);
    t.equal(refused.json().type.split('/').at(-1), 'forbidden');
    t.equal((await system.notify.inject({ url: `/${list}?meetingId=${draft}`, headers: other })).statusCode, 404, `${list} of a draft`);
    t.equal((await system.notify.inject({ url: `/${list}?meetingId=${draft}`, headers: { authorization: `Bearer ${OHCHR_TOKEN}` } })).statusCode, 200, `${list} of one's own draft`);
  }
});
