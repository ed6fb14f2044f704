import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { Temporal } from '@meridian/domain';
import { createReferenceMeeting, OHCHR_TOKEN, startApp, type TestApp } from '../support/app.ts';
import { assertProblem, createMeeting, addSession, release } from '../support/http.ts';
import { publishReferenceAgenda } from './reference-agenda.ts';

const ARTIFACTS = fileURLToPath(new URL('../../../../artifacts/', import.meta.url));

const get = (test: TestApp, url: string, headers: Record<string, string> = {}, extra: Partial<InjectOptions> = {}) =>
  test.app.inject({ method: 'GET', url, headers, ...extra });

/** The text of every element matching a simple `tag.class` pattern, tags stripped. */
const texts = (html: string, pattern: RegExp): string[] => [...html.matchAll(pattern)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));

interface Projected {
  instant: string;
  abbreviation: string;
  dayShift: number;
  text: { time: string };
}

t.test('GET /m/:meetingId, the agenda page', async (t) => {
  const test = await startApp(t, { MERIDIAN_NOTIFY_URL: 'https://notify.meridian.test' });
  const meetingId = await publishReferenceAgenda(test);
  const page = `/m/${meetingId}`;

  t.test('one HTML document with landmarks, headings and the programme in the meeting zone', async (t) => {
    const response = await get(test, page);
    t.equal(response.statusCode, 200);
    t.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    const html = response.body;
    t.ok(html.startsWith('<!doctype html>\n<html lang="en" dir="ltr">'));
    for (const landmark of ['<header class="top">', '<nav aria-label="Language">', '<main id="main"', '<footer class="bottom">']) t.match(html, landmark, landmark);
    t.equal(html.match(/<h1[ >]/g)?.length, 1, 'one h1');
    t.match(html, '<h1 dir="auto">Meeting on local government and human rights</h1>');
    t.same(texts(html, /<h2 id="[^"]+">(.*?)<\/h2>/g), ['Time zone', 'Programme', 'Add the agenda to your calendar', 'Notify me of changes', 'About the meeting', 'Versions of the agenda']);
    t.match(html, '<h3 id="d-2025-11-26"><time datetime="2025-11-26" data-f="day" data-z="m" data-i="2025-11-26T08:00:00Z">Wednesday, November 26, 2025</time></h3>', 'a day heading, on the meeting\'s clock');
    t.same([...html.matchAll(/data-session="([^"]+)"/g)].map((match) => match[1]), ['opening', 'session-1', 'session-2', 'closing'], 'sessions in start order');
    t.match(html, '<th scope="col" class="tm">Meeting time<br><bdi class="zid">Europe/Zurich</bdi></th>');
    t.equal(html.match(/<th scope="row" class="s">/g)?.length, 4, 'each session names its row');
    t.match(html, 'class="same"', 'one zone: the viewer column is hidden by the stylesheet');
    t.same(
      texts(html, /<td class="tm">(.*?)<\/td>/g).map((text) => text.replace(/\s/g, ' ')),
      ['9:00 AM–9:20 AM GMT+1', '9:20 AM–11:00 AM GMT+1', '3:00 PM–4:45 PM GMT+1', '4:45 PM–5:00 PM GMT+1'],
      'the meeting\'s clock, in the default locale (en) as the agenda API writes it',
    );
    t.match(html, 'Times are in the meeting’s time zone, <bdi>Europe/Zurich</bdi>.');
    t.notMatch(html, /<script(?![^>]*(type="module" src="\/assets\/|type="application\/json"))/, 'no inline script');
    t.notMatch(html, /\sstyle=|<style/, 'no inline style');
    t.match(html, /<link rel="stylesheet" href="\/assets\/agenda\.[0-9a-f]{10}\.css">/);
    t.match(html, /<script type="module" src="\/assets\/agenda\.[0-9a-f]{10}\.js"><\/script>/);
  });

  t.test('?tz= projects the viewer column exactly as the agenda API does, with day shifts', async (t) => {
    for (const [zone, locale] of [['Asia/Tokyo', 'en-GB'], ['America/New_York', 'en-US'], ['Pacific/Auckland', 'fr-CH']] as const) {
      const html = (await get(test, `${page}?tz=${zone}`, { 'accept-language': locale })).body;
      const api = (await get(test, `/meetings/${meetingId}/agenda?tz=${zone}&locale=${locale}`)).json() as { sessions: { start: Projected; end: Projected }[] };
      const cells = [...html.matchAll(/<td class="tv">(.*?)<\/td>/g)].map((match) => match[1]!);
      t.equal(cells.length, 4, zone);
      api.sessions.forEach((session, index) => {
        const cell = cells[index]!;
        t.same(texts(cell, /<time[^>]*>(.*?)<\/time>/g), [session.start.text.time, session.end.text.time], `${zone} ${index}: times`);
        t.same(texts(cell, /<bdi class="z">(.*?)<\/bdi>/g), [session.end.abbreviation], `${zone} ${index}: zone name`);
        t.equal(texts(cell, /<span class="d">(.*?)<\/span>/g).length, Number(session.start.dayShift !== 0 || session.end.dayShift !== 0), `${zone} ${index}: day shift marker`);
      });
      t.notMatch(html, 'class="same"', 'both columns');
    }
    const tokyo = (await get(test, `${page}?tz=Asia/Tokyo`, { 'accept-language': 'en-GB' })).body;
    t.match(tokyo, '<time datetime="2025-11-26T14:00:00Z">23:00</time>–<time datetime="2025-11-26T15:45:00Z">00:45</time> <span class="d">+1 day</span> <bdi class="z">GMT+9</bdi>', 'session 2 ends on the next day in Tokyo');
    t.match(tokyo, 'Times are shown in the meeting’s time zone (<bdi>Europe/Zurich</bdi>) and in <bdi>Asia/Tokyo</bdi>.');
    t.match(tokyo, 'data-tz-chosen', 'the script keeps a zone chosen with ?tz=');
    t.match(tokyo, '<option selected>Asia/Tokyo</option>');
    const auckland = (await get(test, `${page}?tz=Pacific/Auckland&lang=fr`)).body;
    t.match(auckland, '<span class="d">+1 jour</span>', 'in the page\'s language');
  });

  t.test('a clock change between today and the meeting is announced, for either zone', async (t) => {
    const newYork = (await get(test, `${page}?tz=America/New_York`, { 'accept-language': 'en-US' })).body;
    t.match(newYork, '<li class="dst">Clocks in <bdi>America/New_York</bdi> change on <time datetime="2025-11-02T06:00:00Z">Sunday, November 2, 2025</time> (<bdi>EDT</bdi> → <bdi>EST</bdi>), between today and the meeting.');
    t.notMatch((await get(test, `${page}?tz=Asia/Tokyo`)).body, 'class="dst"', 'none for Tokyo');
    const saved = test.clock.instant;
    test.clock.instant = Temporal.Instant.from('2025-10-01T09:00:00Z');
    t.teardown(() => {
      test.clock.instant = saved;
    });
    const october = (await get(test, `${page}?tz=Asia/Tokyo`, { 'accept-language': 'en-GB' })).body;
    t.match(october, 'Clocks in <bdi>Europe/Zurich</bdi> change on <time datetime="2025-10-26T01:00:00Z">Sunday, 26 October 2025</time> (<bdi>CEST</bdi> → <bdi>CET</bdi>)', 'the meeting zone\'s own change, seen from October');
    t.match(october, 'data-today="2025-10-01T09:00:00Z"', 'the service clock is today');
    test.clock.instant = Temporal.Instant.from('2025-12-01T09:00:00Z');
    t.notMatch((await get(test, `${page}?tz=America/New_York`)).body, 'class="dst"', 'after the meeting, nothing to announce');
    test.clock.instant = saved;
  });

  t.test('subscribe links, per-session links and the notify form', async (t) => {
    const html = (await get(test, page)).body;
    const feed = `https://meridian.test/meetings/${meetingId}/calendar.ics`;
    const webcal = `webcal://meridian.test/meetings/${meetingId}/calendar.ics`;
    t.match(html, `id="webcal">Subscribe in your calendar app</a>`);
    t.match(html, `href="${webcal}" id="webcal"`);
    t.match(html, `href="https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}" id="google"`);
    t.match(html, `href="https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feed)}&amp;name=Meeting%20on%20local%20government%20and%20human%20rights" id="outlook"`);
    t.match(html, `href="${feed}" id="download" download="Meeting-on-local-government-and-human-rights.ics"`);
    t.match(html, `<a class="add" href="https://meridian.test/meetings/${meetingId}/sessions/session-1/event.ics" download="session-1.ics">Add to calendar<span class="vh"> – <bdi>Session 1: Human rights cities</bdi></span></a>`);
    t.match(html, '<form id="notify" method="post" action="https://notify.meridian.test/subscriptions/form" data-action="https://notify.meridian.test/subscriptions">', 'a plain form, which the script sends as JSON');
    t.match(html, '<input type="hidden" name="timeZone" value="Europe/Zurich"><input type="hidden" name="locale" value="en">');
    const response = await get(test, `${page}?tz=Asia/Tokyo&lang=fr`);
    t.match(response.body, '<input type="hidden" name="timeZone" value="Asia/Tokyo"><input type="hidden" name="locale" value="fr">', 'zone and language filled in');
    t.match(response.headers['content-security-policy'], "connect-src 'self' https://notify.meridian.test;", 'the script may post to the notify service');
    t.match(response.headers['content-security-policy'], "form-action 'self' https://notify.meridian.test;", 'and so may the form');
  });

  t.test('without a notify service, no notify form', async (t) => {
    const bare = await startApp(t);
    const id = await createReferenceMeeting(bare);
    const response = await get(bare, `/m/${id}`);
    t.equal(response.statusCode, 200);
    t.notMatch(response.body, 'id="notify"');
    t.notMatch(response.body, 'Notify me');
    t.match(response.headers['content-security-policy'], "connect-src 'self';");
    t.notMatch(response.body, 'About the meeting', 'no description or documents, no "about" section');
  });

  t.test('the release history, newest first, in the viewer zone', async (t) => {
    const html = (await get(test, `${page}?tz=Asia/Tokyo`, { 'accept-language': 'en-GB' })).body;
    const history = html.slice(html.indexOf('<section class="history"'));
    t.same(texts(history, /<h3>(.*?)<\/h3>/g), ['Rev.2 latest', 'Rev.1']);
    t.match(history, 'Released <time datetime="2025-11-01T10:00:00Z" data-f="stamp" data-z="v">1 November 2025 at 19:00 GMT+9</time>');
    t.match(history, 'Note from the organisers: Descriptions of the panels and background documents added.');
    t.match(history, '<li>Meeting details changed: Description and Documents</li>');
    t.match(
      history,
      '<strong>Updated</strong>: Session 1: Human rights cities — <time datetime="2025-11-26" data-f="date" data-z="m" data-i="2025-11-26T08:20:00Z">26 November 2025</time> <span class="r" data-s="2025-11-26T08:20:00Z" data-e="2025-11-26T10:00:00Z"><span class="tm"><time datetime="2025-11-26T08:20:00Z">09:20</time>–<time datetime="2025-11-26T10:00:00Z">11:00</time> <bdi class="z">CET</bdi></span><span class="tv"> · <time datetime="2025-11-26T08:20:00Z">17:20</time>–<time datetime="2025-11-26T10:00:00Z">19:00</time> <bdi class="z">GMT+9</bdi></span></span><br><span class="fields">Changes: description</span>',
    );
    t.match(history, '<li>First published, with 4 sessions.</li>');
  });

  t.test('a moved, a cancelled and a new session show in the programme and the history', async (t) => {
    const local = await startApp(t);
    const id = await createReferenceMeeting(local);
    const patch = (url: string, payload: Record<string, unknown>) => local.as(OHCHR_TOKEN, { method: 'PATCH', url, payload });
    t.equal((await patch(`/meetings/${id}/sessions/session-2`, { start: '2025-11-26T14:30', end: '2025-11-26T16:15' })).statusCode, 200);
    t.equal((await local.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${id}/sessions/closing` })).statusCode, 200);
    t.equal((await addSession(local, id, { id: 'day-2', title: 'Follow-up <day 2>', start: '2025-11-27T10:00', end: '2025-11-27T11:00' })).statusCode, 201);
    t.equal((await release(local, id, { label: 'Rev.2' })).statusCode, 201);
    const html = (await get(local, `/m/${id}?tz=America/New_York`, { 'accept-language': 'en-GB' })).body;
    t.same([...html.matchAll(/<h3 id="d-([\d-]+)">/g)].map((match) => match[1]), ['2025-11-26', '2025-11-27'], 'one table per meeting day');
    t.match(html, '<tr id="s-closing" data-session="closing" class="cancelled">');
    t.match(html, '<span class="badge">Cancelled</span>');
    t.notMatch(html, 'sessions/closing/event.ics', 'no "add to calendar" for a cancelled session');
    t.match(html, '<span class="title" dir="auto">Follow-up &lt;day 2&gt;</span>', 'escaped');
    t.match(html, '<strong>Moved</strong>: Session 2: Engagement', 'the move in the history');
    t.match(html, '<span class="prev">Previously: <time datetime="2025-11-26" data-f="date" data-z="m" data-i="2025-11-26T14:00:00Z">26 November 2025</time> <span class="r" data-s="2025-11-26T14:00:00Z"', 'with the date and time it had');
    t.match(html, '<strong>Cancelled</strong>: Closing session');
    t.match(html, '<strong>New</strong>: Follow-up &lt;day 2&gt;');
    t.match(html, /<p class="when"><span>Wednesday\s26\sNovember\s–\sThursday\s27\sNovember\s2025<\/span>/, 'the header spans both days (Intl formatRange)');
  });

  t.test('everything from organisers is escaped', async (t) => {
    const local = await startApp(t);
    const evil = '<script>alert("x")</script> & \'q\'';
    const meeting = await createMeeting(t, local, { title: evil, description: '<img src=x onerror=alert(1)>', location: { name: '"><b>room</b>', url: "https://example.org/?a=1&b='2'" } });
    t.equal((await addSession(local, meeting.id, { id: 's1', title: '"><svg onload=alert(1)>', start: '2025-11-26T09:00', end: '2025-11-26T10:00', speakers: [{ name: '<i>Ada</i>', affiliation: '</td>' }] })).statusCode, 201);
    t.equal((await release(local, meeting.id, { label: '<Rev.1>', note: '</p><script>x</script>' })).statusCode, 201);
    const html = (await get(local, `/m/${meeting.id}`)).body;
    t.notMatch(html, /<script>|<img|<svg|<i>|<b>|<\/td>\)/i, 'no markup from input');
    t.match(html, '<h1 dir="auto">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</h1>');
    t.match(html, '<title>\u2068&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;\u2069 – agenda</title>', 'isolated: a title keeps its own direction');
    t.match(html, '&quot;&gt;&lt;svg onload=alert(1)&gt;');
    t.match(html, 'Speakers: &lt;i&gt;Ada&lt;/i&gt; (&lt;/td&gt;)');
    t.match(html, 'href="https://example.org/?a=1&amp;b=&#39;2&#39;"', 'attribute values escaped');
    t.match(html, '<h3>&lt;Rev.1&gt; <span class="tag">latest</span></h3>');
    t.match(html, 'Note from the organisers: &lt;/p&gt;&lt;script&gt;x&lt;/script&gt;');
    const ar = (await get(local, `/m/${meeting.id}?lang=ar`)).body;
    t.match(ar, '<bdi>&lt;Rev.1&gt;</bdi>', 'isolated and escaped in Arabic');
  });

  t.test('languages: ?lang=, else Accept-Language, else English; Arabic right to left', async (t) => {
    const headings: Record<string, string> = { ar: 'البرنامج', zh: '日程', en: 'Programme', fr: 'Programme', ru: 'Программа', es: 'Programa' };
    for (const [language, heading] of Object.entries(headings)) {
      const response = await get(test, `${page}?lang=${language}`);
      t.equal(response.statusCode, 200, language);
      t.match(response.body, `<h2 id="programme-h">${heading}</h2>`, `${language}: the page's words`);
      t.match(response.body, `aria-current="true">`, `${language}: the switch marks the current language`);
      t.equal(response.headers['content-language'], /<html lang="([^"]+)"/.exec(response.body)?.[1], `${language}: Content-Language is the page's <html lang>`);
    }
    const german = await get(test, `${page}?lang=de`);
    t.match(german.body, '<html lang="en', 'a language not among the six: the page is in English');
    t.match(german.headers['content-language'], /^en/, 'and says so');
    const arabic = (await get(test, `${page}?lang=ar&tz=Asia/Riyadh`)).body;
    t.match(arabic, '<html lang="ar" dir="rtl">');
    t.match(arabic, 'تُعرض الأوقات بحسب المنطقة الزمنية للاجتماع (<bdi>Europe/Zurich</bdi>) وبحسب <bdi>Asia/Riyadh</bdi>.', 'zone ids isolated');
    t.match(arabic, '<span class="title" dir="auto">Opening session</span>', 'Latin titles keep their direction');
    t.match((await get(test, `${page}?lang=zh`)).body, '<html lang="zh-Hans" dir="ltr">');
    const russian = await get(test, page, { 'accept-language': 'de-CH, ru;q=0.9, en;q=0.5' });
    t.match(russian.body, '<html lang="ru" dir="ltr">', 'the first of the six in Accept-Language');
    t.match(russian.headers.vary, /accept-language/i);
    const explicit = (await get(test, `${page}?lang=es&tz=Asia/Tokyo`, { 'accept-language': 'ru' })).body;
    t.match(explicit, '<html lang="es" dir="ltr">', '?lang= wins');
    t.match(explicit, `href="/m/${meetingId}?lang=fr&amp;tz=Asia%2FTokyo" hreflang="fr" lang="fr"`, 'language links keep the zone');
    t.match(explicit, '<input type="hidden" name="lang" value="es">', 'the zone picker keeps the language');
    t.match((await get(test, page, { 'accept-language': 'de-DE' })).body, '<html lang="en" dir="ltr">', 'English when none of the six is accepted');
    await assertProblem(t, test, await get(test, `${page}?lang=!!`), { status: 400, code: 'unknown-locale' });
  });

  t.test('an unknown zone: the page in the meeting zone, 400, the error beside the picker with suggestions', async (t) => {
    const response = await get(test, `${page}?tz=CET`);
    t.equal(response.statusCode, 400);
    t.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    t.equal(response.headers['cache-control'], 'no-store');
    t.match(response.body, '<p class="error" id="tz-error">“<bdi>CET</bdi>” is not a time zone. Choose one from the list. Perhaps you meant: <a href=');
    t.match(response.body, `<a href="/m/${meetingId}?tz=Europe%2FParis"><bdi>Europe/Paris</bdi></a>`);
    t.match(response.body, '<select id="tz" name="tz" dir="ltr" aria-describedby="tz-error" aria-invalid="true">');
    t.match(response.body, 'data-vz="Europe/Zurich"');
    t.notMatch(response.body, 'data-tz-chosen');
    const escaped = await get(test, `${page}?tz=${encodeURIComponent('<b>x</b>')}`);
    t.equal(escaped.statusCode, 400);
    t.match(escaped.body, '“<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>” is not a time zone');
    t.equal((await get(test, `${page}?tz=europe/zurich`)).statusCode, 200, 'zone ids are case-insensitive');
    t.equal((await get(test, `${page}?tz=`)).statusCode, 200, 'an empty zone is the meeting\'s');
  });

  t.test('unknown or unreleased meetings are 404 problems', async (t) => {
    await assertProblem(t, test, await get(test, '/m/no-such-meeting'), { status: 404, code: 'meeting-not-found' });
    const draft = await createMeeting(t, test);
    await assertProblem(t, test, await get(test, `/m/${draft.id}`), { status: 404, code: 'meeting-not-found' });
    await assertProblem(t, test, await get(test, '/m/-bad-id'), { status: 400, code: 'invalid-request' });
  });

  t.test('a browser gets those refusals as a page, with the page\'s security headers', async (t) => {
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    for (const [url, status, said] of [
      ['/m/no-such-meeting', 404, 'no meeting no-such-meeting'],
      [`${page}?lang=x`, 400, 'Unknown locale'],
      [`${page}?tz=${'A'.repeat(70)}`, 400, '/tz must NOT have more than 64 characters'],
      [`/m/<script>`, 400, 'Invalid request'],
    ] as const) {
      const answer = await get(test, url, browser);
      t.equal(answer.statusCode, status, url);
      t.match(answer.headers['content-type'], /^text\/html/, `${url}: a page`);
      t.match(answer.headers['content-security-policy'], /default-src 'none'/);
      t.equal(answer.headers['cache-control'], 'no-store');
      t.match(answer.body, said);
      t.notMatch(answer.body, /<script>/, 'what the URL said is escaped');
    }
  });

  t.test('the error page speaks the reader\'s language; the problem\'s own words follow in English', async (t) => {
    const french = await get(test, '/m/no-such-meeting', { accept: 'text/html', 'accept-language': 'fr-CH, en;q=0.5' });
    t.equal(french.statusCode, 404);
    t.equal(french.headers['content-language'], 'fr-CH');
    t.match(french.body, '<html lang="fr-CH" dir="ltr">');
    t.match(french.body, '<h1>Ordre du jour introuvable</h1>');
    t.match(french.body, '<p lang="en" dir="ltr">Meeting not found: no meeting no-such-meeting');
    // ?lang= is what went wrong: the page falls back on the browser's languages.
    const arabic = await get(test, `${page}?lang=x`, { accept: 'text/html', 'accept-language': 'ar-EG' });
    t.equal(arabic.statusCode, 400);
    t.match(arabic.body, '<html lang="ar-EG" dir="rtl">');
    t.match(arabic.body, '<h1>لا يمكن عرض هذا العنوان</h1>');
    const chosen = await get(test, '/m/no-such-meeting?lang=zh', { accept: 'text/html', 'accept-language': 'en' });
    t.match(chosen.body, '<h1>未找到议程</h1>', 'a valid ?lang= is the reader\'s choice, as on the page');
  });

  t.test('caching: strong ETags, 304, gzip, long-lived fingerprinted assets', async (t) => {
    const first = await get(test, page);
    t.equal(first.headers['cache-control'], 'public, max-age=60');
    t.match(first.headers.etag, /^"[\w-]{43}"$/, 'the SHA-256 of the bytes, as every cached answer');
    t.match(first.headers.vary, /accept-language/);
    t.match(first.headers.vary, /accept-encoding/);
    t.equal(first.headers['x-content-type-options'], 'nosniff');
    t.equal((await get(test, page)).headers.etag, first.headers.etag, 'the same bytes within the hour');
    const notModified = await get(test, page, { 'if-none-match': String(first.headers.etag) });
    t.equal(notModified.statusCode, 304);
    t.equal(notModified.body, '');
    const gzipped = await get(test, page, { 'accept-encoding': 'gzip, br' });
    t.equal(gzipped.headers['content-encoding'], 'gzip');
    t.equal(gzipped.headers.etag, `${String(first.headers.etag).slice(0, -1)}-gz"`, 'another representation, another ETag');
    t.equal(gunzipSync(gzipped.rawPayload).toString('utf8'), first.body);
    t.equal((await get(test, page, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'], undefined, 'q=0 refuses gzip');
    t.equal((await get(test, page, { 'accept-encoding': 'gzip', 'if-none-match': String(gzipped.headers.etag) })).statusCode, 304);

    const csp = String(first.headers['content-security-policy']);
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) t.match(csp, directive);

    for (const path of [/\/assets\/agenda\.[0-9a-f]{10}\.css/, /\/assets\/agenda\.[0-9a-f]{10}\.js/]) {
      const url = path.exec(first.body)![0];
      const asset = await get(test, url);
      t.equal(asset.statusCode, 200, url);
      t.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
      t.match(asset.headers['content-type'], url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      t.equal(asset.headers.etag, `"${url.split('.')[1]}"`, 'the fingerprint is the ETag');
      t.equal((await get(test, url, { 'if-none-match': String(asset.headers.etag) })).statusCode, 304);
      const compressed = await get(test, url, { 'accept-encoding': 'gzip' });
      t.equal(gunzipSync(compressed.rawPayload).toString('utf8'), asset.body);
    }
    await assertProblem(t, test, await get(test, '/assets/agenda.0000000000.css'), { status: 404, code: 'not-found' });

    t.test('the next hour is a new page ("today" moved)', async (t) => {
      const saved = test.clock.instant;
      test.clock.advance({ hours: 1 });
      t.teardown(() => {
        test.clock.instant = saved;
      });
      const later = await get(test, page);
      t.not(later.headers.etag, first.headers.etag);
      t.match(later.body, 'data-today="2025-11-01T11:00:00Z"');
    });

    t.test('a new release is a new page', async (t) => {
      const local = await startApp(t);
      const id = await createReferenceMeeting(local);
      const before = await get(local, `/m/${id}`);
      await local.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${id}/sessions/opening`, payload: { title: 'Opening' } });
      await release(local, id, { label: 'Rev.2' });
      const after = await get(local, `/m/${id}`, { 'if-none-match': String(before.headers.etag) });
      t.equal(after.statusCode, 200);
      t.match(after.body, 'Rev.2');
    });
  });

  t.test('page weight: the page, its stylesheet and its script are small', async (t) => {
    const sizes = await pageWeight(test, `${page}?tz=Asia/Tokyo`);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'page-weight.json'), `${JSON.stringify(sizes, null, 2)}\n`);
    t.comment(JSON.stringify(sizes));
    t.ok(sizes.page.gzip < 12_000, `page ${sizes.page.raw} B, ${sizes.page.gzip} B gzipped`);
    t.ok(sizes.css.gzip < 3_000, `stylesheet ${sizes.css.raw} B, ${sizes.css.gzip} B gzipped`);
    t.ok(sizes.js.gzip < 5_000, `script ${sizes.js.raw} B, ${sizes.js.gzip} B gzipped`);
    t.ok(sizes.total.gzip < 20_000, `all three: ${sizes.total.raw} B, ${sizes.total.gzip} B gzipped`);
  });
});

t.test('GET /meetings/:meetingId/sessions/:sessionId/event.ics: one session, the feed\'s UID', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  const url = `/meetings/${meetingId}/sessions/session-2/event.ics`;
  const response = await get(test, url);
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'text/calendar; charset=utf-8');
  t.equal(response.headers['content-disposition'], 'attachment; filename="session-2.ics"');
  t.equal(response.body.match(/BEGIN:VEVENT/g)?.length, 1);
  t.match(response.body, 'DTSTART;TZID=Europe/Zurich:20251126T150000');
  t.match(response.body, 'BEGIN:VTIMEZONE');
  const uid = /UID:(.+)\r\n/.exec(response.body)![1]!;
  t.ok((await get(test, `/meetings/${meetingId}/calendar.ics`)).body.includes(`UID:${uid}\r\n`), 'the same UID as in the meeting feed');
  t.equal((await get(test, url, { 'if-none-match': String(response.headers.etag) })).statusCode, 304);
  await assertProblem(t, test, await get(test, `/meetings/${meetingId}/sessions/nope/event.ics`), { status: 404, code: 'not-found' });
  await assertProblem(t, test, await get(test, '/meetings/nope/sessions/opening/event.ics'), { status: 404, code: 'meeting-not-found' });
});

t.test('a cancelled meeting\'s page: the banner, and neither a link to join nor a "notify me" form notify would refuse', async (t) => {
  const local = await startApp(t, { MERIDIAN_PUBLIC_URL: 'https://meridian.test', MERIDIAN_NOTIFY_URL: 'https://notify.meridian.test' });
  const meeting = await createMeeting(t, local, { title: 'Budget $& review $$ 2026', location: { name: 'Online', url: 'https://teams.example/join' } });
  t.equal((await addSession(local, meeting.id, { id: 's1', title: 'Panel', start: '2025-11-26T09:00', end: '2025-11-26T10:00' })).statusCode, 201);
  t.equal((await release(local, meeting.id, {})).statusCode, 201);
  const before = (await get(local, `/m/${meeting.id}?lang=en`)).body;
  t.match(before, '>Join online</a>');
  t.match(before, 'id="notify"');
  t.match(before, '<title>\u2068Budget $&amp; review $$ 2026\u2069 – agenda</title>', 'a title with $ patterns written as it is');
  t.equal((await local.as(OHCHR_TOKEN, { method: 'POST', url: `/meetings/${meeting.id}/cancel`, payload: {} })).statusCode, 200);
  const after = (await get(local, `/m/${meeting.id}?lang=en`)).body;
  t.match(after, 'class="alert" role="alert"', 'the cancellation said');
  t.notMatch(after, 'Join online');
  t.notMatch(after, 'id="notify"');
});

t.test('once a meeting is over, its page offers no "notify me": no reminder is left to send', async (t) => {
  const local = await startApp(t, { MERIDIAN_PUBLIC_URL: 'https://meridian.test', MERIDIAN_NOTIFY_URL: 'https://notify.meridian.test' });
  const meetingId = await createReferenceMeeting(local);
  t.match((await get(local, `/m/${meetingId}`)).body, 'id="notify"', 'before: offered');
  local.clock.instant = Temporal.Instant.from('2025-11-26T16:00:01Z'); // the closing session ended at 16:00Z
  t.notMatch((await get(local, `/m/${meetingId}`)).body, 'id="notify"', 'after: not');
});

t.test('the script is given the words of every day shift the page can show: a session of several days included', async (t) => {
  const local = await startApp(t);
  const meeting = await createMeeting(t, local, { timeZone: 'Europe/Zurich' });
  t.equal((await addSession(local, meeting.id, { id: 's1', title: 'Retreat', start: '2026-12-01T09:00', end: '2026-12-04T17:00' })).statusCode, 201);
  t.equal((await release(local, meeting.id, {})).statusCode, 201);
  const html = (await get(local, `/m/${meeting.id}?tz=Asia/Tokyo&lang=en`)).body;
  const strings = JSON.parse(/<script type="application\/json" id="page-strings">(.*?)<\/script>/s.exec(html)![1]!) as { shifts: Record<string, string> };
  t.match(html, '<span class="d">+4 days</span>', 'the server writes the end in Tokyo four days on');
  t.equal(strings.shifts['4'], '+4 days', 'and the script can write it too');
  t.same(Object.keys(strings.shifts).map(Number).sort((a, b) => a - b), [-2, -1, 1, 2, 3, 4, 5]);
});

t.test('a session moved to another day reads as moved in the history: each time with its date', async (t) => {
  const local = await startApp(t);
  const id = await createReferenceMeeting(local);
  t.equal((await local.as(OHCHR_TOKEN, { method: 'PATCH', url: `/meetings/${id}/sessions/closing`, payload: { start: '2025-11-27T16:45', end: '2025-11-27T17:00' } })).statusCode, 200);
  t.equal((await release(local, id, {})).statusCode, 201);
  const html = (await get(local, `/m/${id}?lang=en-GB`)).body;
  const moved = /<strong>Moved<\/strong>: Closing session — (.*?)<\/li>/.exec(html)?.[1] ?? '';
  t.match(moved, /^<time[^>]*>27 November 2025<\/time> .*Previously: <time[^>]*>26 November 2025<\/time> /, 'the day it moved to, then the day it had');
});

t.test('event.ics of a cancelled session: the event, marked cancelled, until the meeting is over; then 404, not an empty calendar', async (t) => {
  const test = await startApp(t);
  const meetingId = await createReferenceMeeting(test);
  t.equal((await test.as(OHCHR_TOKEN, { method: 'DELETE', url: `/meetings/${meetingId}/sessions/closing` })).statusCode, 200);
  t.equal((await release(test, meetingId, {})).statusCode, 201);
  const url = `/meetings/${meetingId}/sessions/closing/event.ics`;
  const before = await get(test, url);
  t.equal(before.statusCode, 200);
  t.match(before.body, /BEGIN:VEVENT[\s\S]*STATUS:CANCELLED/, 'before the end of the meeting: the event, cancelled');
  test.clock.instant = Temporal.Instant.from('2025-11-27T00:00:00Z'); // the meeting ended on the 26th
  await assertProblem(t, test, await get(test, url), { status: 404, code: 'not-found' });
  t.equal((await get(test, `/meetings/${meetingId}/sessions/opening/event.ics`)).statusCode, 200, 'a session held is still there');
});

/** Bytes of the page and its two assets, as sent and gzipped. */
const pageWeight = async (test: TestApp, url: string) => {
  const html = await get(test, url);
  const size = (body: Buffer) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  const asset = async (pattern: RegExp) => size((await get(test, pattern.exec(html.body)![0])).rawPayload);
  const page = size(html.rawPayload);
  const css = await asset(/\/assets\/agenda\.[0-9a-f]{10}\.css/);
  const js = await asset(/\/assets\/agenda\.[0-9a-f]{10}\.js/);
  return { url, page, css, js, total: { raw: page.raw + css.raw + js.raw, gzip: page.gzip + css.gzip + js.gzip } };
};

