import t, { type Test } from 'tap';
import type { InjectOptions } from 'fastify';
import { createReferenceMeeting, OHCHR_TOKEN, startSystem, type TestSystem } from './support/system.ts';

t.setTimeout(120_000);

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

/** Sends each request to the operation, and checks it is refused with a status the operation documents. */
const refusesAsDocumented = async (t: Test, system: TestSystem, document: Document, [method, path]: [string, string], requests: [string, InjectOptions][]) => {
  const documented = Object.keys(document.paths[path]![method]!.responses);
  for (const [what, request] of requests) {
    const answer = await system.notify.inject({ method: method.toUpperCase() as 'GET', ...request });
    t.ok(answer.statusCode >= 400, `${method} ${path} with ${what} → ${answer.statusCode}`);
    t.ok(documented.includes(String(answer.statusCode)), `${method} ${path} with ${what}: documents the ${answer.statusCode} it answers`);
  }
};

t.test('the error statuses the subscription and delivery routes answer are the ones the document describes', async (t) => {
  const system = await startSystem(t);
  const document = (await system.notify.inject({ url: '/openapi.json' })).json() as Document;
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'webhook', url: system.receiver.url } } });
  t.equal(created.statusCode, 201, created.body);
  const { id, manageToken } = created.json() as { id: string; manageToken: string };
  const authorised = { authorization: `Bearer ${manageToken}` };
  // Some HTTP clients send a content type with no body; others a body the route does not take.
  const bodies: Record<string, InjectOptions> = {
    'an empty JSON body': { headers: { ...authorised, 'content-type': 'application/json' }, payload: '' },
    'a text body': { headers: { ...authorised, 'content-type': 'text/plain' }, payload: 'unsubscribe' },
    'too large a body': { headers: authorised, payload: { since: 'x'.repeat(300_000) } },
  };
  const organiser = { authorization: `Bearer ${OHCHR_TOKEN}` };
  const operations: [string, string][] = [
    ['get', '/subscriptions/{subscriptionId}'],
    ['patch', '/subscriptions/{subscriptionId}'],
    ['post', '/subscriptions/{subscriptionId}/ping'],
    ['post', '/subscriptions/{subscriptionId}/secret'],
    ['post', '/subscriptions/{subscriptionId}/replay'],
    ['delete', '/subscriptions/{subscriptionId}'],
    ['post', '/deliveries/{deliveryId}/retry'],
  ];
  for (const [method, path] of operations) {
    // a delivery is the organiser's to retry, and its id is not checked for a shape
    const byOrganiser = path.startsWith('/deliveries');
    const url = path.replace('{subscriptionId}', id).replace('{deliveryId}', 'some-delivery');
    const requests: [string, InjectOptions][] = [
      ...(byOrganiser ? [] : [['a malformed id', { url: path.replace('{subscriptionId}', 'not an id!'), headers: authorised }] as [string, InjectOptions]]),
      ...(method === 'get' ? [] : Object.entries(bodies).map(([what, request]): [string, InjectOptions] => [what, { url, ...request, headers: { ...request.headers, ...(byOrganiser && organiser) } }])),
    ];
    await refusesAsDocumented(t, system, document, [method, path], requests);
  }
});

t.test('the links of the e-mails answer only statuses the document describes, however mangled or posted to', async (t) => {
  const system = await startSystem(t);
  const document = (await system.notify.inject({ url: '/openapi.json' })).json() as Document;
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({ method: 'POST', url: '/subscriptions', payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'email', address: 'link-checker@example.org' } } });
  const { id } = created.json() as { id: string };
  const links: [string, string][] = [
    ['get', '/subscriptions/{subscriptionId}/confirm'],
    ['post', '/subscriptions/{subscriptionId}/confirm'],
    ['get', '/subscriptions/{subscriptionId}/unsubscribe'],
    ['post', '/subscriptions/{subscriptionId}/unsubscribe'],
  ];
  for (const [method, path] of links) {
    const url = path.replace('{subscriptionId}', id);
    const requests: [string, InjectOptions][] = [
      ['no token', { url }],
      ['a malformed id', { url: `${path.replace('{subscriptionId}', 'not an id!')}?token=abc` }],
      ['a forged token', { url: `${url}?token=forged` }],
      ...(method === 'get'
        ? []
        : ([
            ['a text body', { url: `${url}?token=forged`, headers: { 'content-type': 'text/plain' }, payload: 'yes' }],
            ['too large a body', { url: `${url}?token=forged`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'x'.repeat(2_000_000) }) }],
          ] as [string, InjectOptions][])),
    ];
    await refusesAsDocumented(t, system, document, [method, path], requests);
  }
});
