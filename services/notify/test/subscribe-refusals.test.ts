import { createHash } from 'node:crypto';
import t from 'tap';
import { StoreUnavailableError } from '@meridian/event-store';
import { OHCHR_TOKEN, createReferenceMeeting, startSystem, type TestSystem } from './support/system.ts';

const subscribe = (system: TestSystem, body: Record<string, unknown>) => system.notify.inject({ method: 'POST', url: '/subscriptions', payload: body });
const contactsHolding = (system: TestSystem, address: string) =>
  (system.notify.notify.db.prepare('SELECT COUNT(*) AS count FROM contacts WHERE address = ?').get(address) as { count: number }).count;

t.test('a refused request keeps no personal data and uses up none of the address\'s confirmation mails', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const request = { meetingId, timeZone: 'America/New_York', locale: 'en', channel: { type: 'email', address: 'participant@example.org' } };
  // Event types are a webhook's choice: an e-mail subscriber gets every notice, and must not believe otherwise.
  const refusals = [[{ timeZone: 'CET' }, 'unknown-time-zone'], [{ locale: 'xx-nope-nope' }, 'unknown-locale'], [{ eventTypes: ['agenda.released'] }, 'invalid-input']] as const;
  for (const [refused, code] of refusals) {
    const answer = await subscribe(system, { ...request, ...refused });
    t.equal(answer.statusCode, 400, JSON.stringify(refused));
    t.equal(answer.json().code, code, answer.body);
  }
  t.equal(contactsHolding(system, 'participant@example.org'), 0, 'no address stored for a subscription that does not exist');

  const document = (await system.notify.inject({ url: '/openapi.json' })).json();
  const declaredHeaders = (status: number) => Object.keys(document.paths['/subscriptions'].post.responses[status].headers ?? {});
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const answer = await subscribe(system, request);
    t.equal(answer.statusCode, 201, `confirmation ${attempt} of the hour: ${answer.body}`);
    t.equal(answer.headers.location, `/subscriptions/${answer.json().id}`);
  }
  t.same(declaredHeaders(201), ['Location'], 'the 201 declares its Location');
  system.clock.advance({ minutes: 20 });
  const limited = await subscribe(system, request);
  t.equal(limited.statusCode, 429);
  t.match(limited.json(), { code: 'confirmation-rate-limited', detail: /40 minutes/ });
  t.equal(limited.headers['retry-after'], String(40 * 60), 'when the oldest mail counted is an hour old, in seconds');
  t.same(declaredHeaders(429), ['Retry-After'], 'the 429 declares its Retry-After');
  t.equal(contactsHolding(system, 'participant@example.org'), 3, 'nor for a refusal of the limit');

  const counted = () => system.notify.notify.db.prepare('SELECT address_hash FROM confirmation_sends').pluck().all() as string[];
  const plainHash = createHash('sha256').update('participant@example.org').digest('hex');
  t.notOk(counted().includes(plainHash), 'an address is not kept as its plain hash, which a list of addresses would undo');
  system.clock.advance({ minutes: 41 });
  t.equal((await subscribe(system, request)).statusCode, 201, 'an hour after the first, the window has slid');
  t.equal(counted().length, 1, 'the sends older than an hour are forgotten');
});

t.test('a cancelled meeting is not subscribed to', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  t.equal((await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/cancel`, payload: { reason: 'postponed' } })).statusCode, 200);
  const answer = await subscribe(system, { meetingId, timeZone: 'Asia/Tokyo', locale: 'ja', channel: { type: 'webhook', url: 'https://hooks.example.org/meridian' } });
  t.equal(answer.statusCode, 409, answer.body);
  t.match(answer.json(), { code: 'meeting-cancelled' });
});

t.test('a request the store could not record keeps no personal data; one it recorded after all keeps it', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const request = { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'email', address: 'participant@example.org' } };
  const { store } = system.notify.notify;
  const append = store.append.bind(store);
  // The store refuses the append.
  Object.assign(store, { append: async () => Promise.reject(new Error('the store is unreachable')) });
  t.equal((await subscribe(system, request)).statusCode, 500);
  t.equal(contactsHolding(system, 'participant@example.org'), 0, 'the address is not kept');
  // The store records the append, but its answer is lost on the way back.
  Object.assign(store, { append: async (...args: Parameters<typeof append>) => append(...args).then(() => Promise.reject(new Error('connection reset'))) });
  t.equal((await subscribe(system, request)).statusCode, 500);
  t.equal(contactsHolding(system, 'participant@example.org'), 1, 'the subscription exists: its address is kept');
  // (other addresses below: this one has had its confirmation mails for the hour)
  // The store does not answer, and says that nothing was stored.
  Object.assign(store, { append: async () => Promise.reject(new StoreUnavailableError('no leader', { cause: null, mayHaveWritten: false })) });
  t.equal((await subscribe(system, { ...request, channel: { type: 'email', address: 'busy@example.org' } })).statusCode, 503);
  t.equal(contactsHolding(system, 'busy@example.org'), 0, 'the address is not kept');
  // The store does not answer, and the append may be stored (perhaps not readable yet, on a
  // follower): the address is kept, an orphan at worst, which the reactor's sweep erases.
  Object.assign(store, { append: async () => Promise.reject(new StoreUnavailableError('deadline exceeded', { cause: null, mayHaveWritten: true })) });
  t.equal((await subscribe(system, { ...request, channel: { type: 'email', address: 'lost@example.org' } })).statusCode, 503);
  t.equal(contactsHolding(system, 'lost@example.org'), 1, 'the address of what may be a subscription is kept');
  Object.assign(store, { append });
});

t.test('following a session the meeting never released is refused, on subscribing and on changing; a cancelled one may be followed', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const webhook = { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url } };
  const typo = await subscribe(system, { ...webhook, sessionIds: ['session-1', 'sesion-2'] });
  t.equal(typo.statusCode, 400);
  t.match(typo.json(), { code: 'invalid-input', detail: /sessionIds: no released session sesion-2/ });
  t.equal(system.notify.notify.db.prepare('SELECT COUNT(*) FROM contacts').pluck().get(), 0, 'nothing stored');

  t.equal((await system.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` })).statusCode, 200);
  t.equal((await system.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meetingId}/releases`, payload: {} })).statusCode, 201);
  const created = await subscribe(system, { ...webhook, sessionIds: ['closing'] });
  t.equal(created.statusCode, 201, 'a session cancelled may come back: followed');
  const { id, manageToken } = created.json() as { id: string; manageToken: string };
  const patch = (sessionIds: string[]) =>
    system.notify.inject({ method: 'PATCH', url: `/subscriptions/${id}`, headers: { authorization: `Bearer ${manageToken}` }, payload: { sessionIds } });
  const refused = await patch(['opening', 'nope']);
  t.equal(refused.statusCode, 400);
  t.match(refused.json(), { code: 'invalid-input', detail: /no released session nope/ });
  t.match((await patch(['opening'])).json(), { sessionIds: ['opening'] });
});

t.test('variants of one mailbox share its confirmation mails: +tags, case, and Gmail\'s dots', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const request = (address: string) => ({ meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'email', address } });
  for (const address of ['alice@gmail.com', 'Alice+agenda@gmail.com', 'a.l.ice@GMAIL.com']) t.equal((await subscribe(system, request(address))).statusCode, 201, address);
  const fourth = await subscribe(system, request('alice+again@googlemail.com'.replace('googlemail', 'gmail')));
  t.equal(fourth.statusCode, 429, 'a fourth variant of the same mailbox within the hour');
  t.equal((await subscribe(system, request('alice@example.org'))).statusCode, 201, 'another mailbox has its own');
});
