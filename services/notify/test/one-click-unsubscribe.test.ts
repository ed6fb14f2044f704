import t from 'tap';
import { linkToken } from '@meridian/http';
import { startSystem, createReferenceMeeting } from './support/system.ts';

// RFC 8058: the mail client POSTs to the List-Unsubscribe URL with a body of its choosing; the
// RFC's own example is multipart/form-data.
t.setTimeout(120_000);

const BOUNDARY = '---FormBoundaryjWmhtjORrn';
const RFC_8058_BODY = [`--${BOUNDARY}`, 'Content-Disposition: form-data; name="List-Unsubscribe"', '', 'One-Click', `--${BOUNDARY}--`, ''].join('\r\n');

t.test('one-click unsubscribe accepts a multipart/form-data body, and only that route does', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const created = await system.notify.inject({
    method: 'POST',
    url: '/subscriptions',
    payload: { meetingId, timeZone: 'UTC', locale: 'en', channel: { type: 'email', address: 'one-click@example.org' } },
  });
  const { id } = created.json() as { id: string };
  const multipart = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

  const unsubscribed = await system.notify.inject({
    method: 'POST',
    url: `/subscriptions/${id}/unsubscribe?token=${linkToken(system.config.secret, 'unsubscribe', id)}`,
    headers: multipart,
    payload: RFC_8058_BODY,
  });
  t.equal(unsubscribed.statusCode, 200, unsubscribed.body);
  t.match(unsubscribed.body, /Unsubscribed/);
  t.equal(system.notify.notify.tables.contacts.get(id), undefined, 'the address is erased');

  const elsewhere = await system.notify.inject({ method: 'POST', url: '/subscriptions', headers: multipart, payload: RFC_8058_BODY });
  t.equal(elsewhere.statusCode, 415, 'other routes still refuse a body they cannot read');
});
