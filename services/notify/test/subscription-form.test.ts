import t from 'tap';
import { startSystem, createReferenceMeeting } from './support/system.ts';

// The agenda page's "notify me" form, sent by a browser that runs no script.
t.setTimeout(120_000);

const BROWSER_FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' };

t.test('a plain HTML form subscribes by e-mail, and the answer is a page in the subscriber\'s language', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const form = new URLSearchParams({ meetingId, timeZone: 'America/Bogota', locale: 'es-CO', address: 'sin-script@example.org' });
  const answered = await system.notify.inject({ method: 'POST', url: '/subscriptions/form', headers: BROWSER_FORM, payload: form.toString() });
  t.equal(answered.statusCode, 200, answered.body);
  t.match(answered.headers['content-type'], 'text/html');
  t.match(answered.body, '<html lang="es" dir="ltr">');
  t.match(answered.body, '<h1>Revise su correo</h1>');
  t.match(answered.body, 'Meeting on local government and human rights');

  const [confirmation] = await system.smtp.waitFor(1);
  t.same(system.smtp.envelopes[0], ['sin-script@example.org'], 'the confirmation mail went to the address of the form');
  t.match(confirmation!.subject, 'Confirme su suscripción', 'in the language of the page the form was on');
});

t.test('a refused form is answered with a page saying why, a script with a problem document', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const mistyped = new URLSearchParams({ meetingId, timeZone: 'Europe/Zurich', locale: 'fr', address: 'not an address' }).toString();
  const page = await system.notify.inject({ method: 'POST', url: '/subscriptions/form', headers: BROWSER_FORM, payload: mistyped });
  t.equal(page.statusCode, 400);
  t.match(page.headers['content-type'], 'text/html');
  t.match(page.body, /<h1>[^<]+<\/h1>\n<p>[^<]*address[^<]*<\/p>/, 'the page names the field');
  t.equal(system.smtp.mails.length, 0);

  const unknownMeeting = new URLSearchParams({ meetingId: 'no-such-meeting', timeZone: 'Europe/Zurich', locale: 'fr', address: 'x@example.org' }).toString();
  const scripted = await system.notify.inject({ method: 'POST', url: '/subscriptions/form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: unknownMeeting });
  t.equal(scripted.statusCode, 404);
  t.match(scripted.headers['content-type'], 'application/problem+json');
  t.match(scripted.json(), { type: /meeting-not-found/ });
});

t.test('a form past the address\'s confirmation mails for the hour gets a 429 page that says when to try again', async (t) => {
  const system = await startSystem(t);
  const meetingId = await createReferenceMeeting(system);
  const form = new URLSearchParams({ meetingId, timeZone: 'Europe/Zurich', locale: 'en', address: 'eager@example.org' }).toString();
  for (let sent = 0; sent < 3; sent += 1) {
    t.equal((await system.notify.inject({ method: 'POST', url: '/subscriptions/form', headers: BROWSER_FORM, payload: form })).statusCode, 200);
  }
  const limited = await system.notify.inject({ method: 'POST', url: '/subscriptions/form', headers: BROWSER_FORM, payload: form });
  t.equal(limited.statusCode, 429);
  t.match(limited.headers['content-type'], 'text/html');
  t.equal(limited.headers['retry-after'], String(60 * 60), 'the hour of the first mail counted, in seconds');
});
