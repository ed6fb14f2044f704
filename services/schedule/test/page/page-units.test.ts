import t from 'tap';
import { Script } from 'node:vm';
import { readFileSync } from 'node:fs';
import { Temporal } from '@meridian/domain';
import { clockChanges } from '../../src/page/clock-changes.ts';
import { attributes, escapeHtml, isolatedHtml, noticeTextHtml, scriptJson } from '../../src/page/html.ts';
import { negotiatePageLanguage } from '../../src/page/page-language.ts';
import { pageLocalizerFor } from '../../src/page/page-localizer.ts';
import { compactCss, compactJs, loadPageAssets } from '../../src/page/static-assets.ts';
import { subscribeLinks } from '../../src/page/subscribe-links.ts';
import { meetingDaysAcross, rangeHtml } from '../../src/page/time-range.ts';
import { zoneOptionsHtml } from '../../src/page/zone-options.ts';
import { FORMAT_OPTIONS } from '../../src/page/page-formats.ts';

const instant = (text: string) => Temporal.Instant.from(text);

t.test('clock changes come from the tz rules, between two instants, at most four', async (t) => {
  const changes = clockChanges('America/New_York', instant('2025-11-01T09:00:00Z'), instant('2025-11-26T16:00:00Z'));
  t.same(
    changes.map((change) => ({ ...change, instant: change.instant.toString() })),
    [{ zone: 'America/New_York', instant: '2025-11-02T06:00:00Z', offsetBefore: '-04:00', offsetAfter: '-05:00' }],
  );
  t.same(clockChanges('Europe/Zurich', instant('2025-11-01T09:00:00Z'), instant('2025-11-26T16:00:00Z')), [], 'Geneva changed on 26 October');
  t.same(clockChanges('Asia/Tokyo', instant('2025-01-01T00:00:00Z'), instant('2030-01-01T00:00:00Z')), [], 'Tokyo has no DST');
  const zurich = clockChanges('Europe/Zurich', instant('2025-10-01T00:00:00Z'), instant('2025-11-26T16:00:00Z'));
  t.same(zurich.map((change) => [change.instant.toString(), change.offsetBefore, change.offsetAfter]), [['2025-10-26T01:00:00Z', '+02:00', '+01:00']]);
  t.equal(clockChanges('Europe/Zurich', instant('2025-01-01T00:00:00Z'), instant('2030-01-01T00:00:00Z')).length, 4, 'capped at four');
  t.same(clockChanges('Pacific/Auckland', instant('2025-11-01T09:00:00Z'), instant('2025-11-26T16:00:00Z')), [], 'Auckland changed on 28 September');
});

t.test('the page language: ?lang=, else the first Accept-Language tag in one of the six, else English', async (t) => {
  t.same(negotiatePageLanguage(undefined, undefined), { locale: 'en', explicit: false });
  t.same(negotiatePageLanguage(undefined, 'de-CH, ru;q=0.8, en;q=0.5'), { locale: 'ru', explicit: false }, 'German is not one of the six');
  t.same(negotiatePageLanguage(undefined, 'en;q=0.5, fr-CH;q=0.9'), { locale: 'fr-CH', explicit: false }, 'by q-weight');
  t.same(negotiatePageLanguage(undefined, 'xx-!!, *;q=0.1'), { locale: 'en', explicit: false }, 'garbage is skipped');
  t.same(negotiatePageLanguage('ar', 'fr-CH'), { locale: 'ar', explicit: true });
  t.same(negotiatePageLanguage('fr', 'fr-CH, en'), { locale: 'fr-CH', explicit: true }, 'a bare language borrows the reader\'s region');
  t.same(negotiatePageLanguage('zh-hans', undefined), { locale: 'zh-Hans', explicit: true }, 'canonical tag');
  t.throws(() => negotiatePageLanguage('!!', undefined), { code: 'unknown-locale' });
  // each distinct locale is a page rendered anew: parts that format nothing do not make one
  t.same(negotiatePageLanguage(undefined, 'en-GB-x-r123'), { locale: 'en-GB', explicit: false }, 'private use dropped');
  t.same(negotiatePageLanguage('fr-CH-u-ca-nonsense-co-phonebk', undefined), { locale: 'fr-CH', explicit: true }, 'unknown or unformatting extensions dropped');
  t.same(negotiatePageLanguage('ar-EG-u-nu-latn', undefined), { locale: 'ar-EG-u-nu-latn', explicit: true }, 'a numbering system the reader asks for stays');
  t.same(negotiatePageLanguage(undefined, 'fa-IR, ar-SA-u-ca-islamic-umalqura'), { locale: 'ar-SA-u-ca-islamic-umalqura', explicit: false }, 'and a calendar');
});

t.test('HTML helpers escape everything from outside', async (t) => {
  t.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  t.equal(isolatedHtml('\u202eevil\u2069 <b>'), '<bdi>evil &lt;b&gt;</bdi>', 'stray bidi controls removed');
  t.equal(noticeTextHtml('\u200f\u2068Session <2>\u2069'), '<bdi>Session &lt;2&gt;</bdi>');
  t.equal(attributes({ a: 'x"y', b: true, c: false, d: null }), ' a="x&quot;y" b');
  t.equal(scriptJson({ s: '</script><!--\u2028' }), '{"s":"\\u003c/script>\\u003c!--\\u2028"}');
});

t.test('a time range on one clock: zone once, day shifts where they belong', async (t) => {
  const l = pageLocalizerFor('en-GB');
  const at = (time: string, zone: string, shift: number) => ({ instant: `I${time}`, time, zone, shift });
  t.equal(
    rangeHtml(l, at('17:00', 'GMT+9', 0), at('17:20', 'GMT+9', 0)),
    '<time datetime="I17:00">17:00</time>–<time datetime="I17:20">17:20</time> <bdi class="z">GMT+9</bdi>',
  );
  t.equal(
    rangeHtml(l, at('00:45', 'GMT+9', 1), at('01:00', 'GMT+9', 1)),
    '<time datetime="I00:45">00:45</time>–<time datetime="I01:00">01:00</time> <bdi class="z">GMT+9</bdi> <span class="d">+1 day</span>',
    'a shared shift once, after the zone',
  );
  t.equal(
    rangeHtml(l, at('23:00', 'GMT+9', 0), at('00:45', 'GMT+9', 1)),
    '<time datetime="I23:00">23:00</time>–<time datetime="I00:45">00:45</time> <span class="d">+1 day</span> <bdi class="z">GMT+9</bdi>',
    'a shift of the end only, beside the end',
  );
  t.equal(
    rangeHtml(l, at('01:30', 'CET', 0), at('03:30', 'CEST', 0)),
    '<time datetime="I01:30">01:30</time> <bdi class="z">CET</bdi>–<time datetime="I03:30">03:30</time> <bdi class="z">CEST</bdi>',
    'across a DST change, each end names its zone',
  );
  t.equal(rangeHtml(pageLocalizerFor('fr'), at('20:00', 'UTC−5', -1), at('21:00', 'UTC−5', -1)).split('class="d">')[1], '−1 jour</span>');
});

t.test('a session past midnight on the meeting’s clock: its end’s shift counts from the start’s date', async (t) => {
  const l = pageLocalizerFor('en-US');
  const at = (time: string, zone: string, shift: number) => ({ instant: `I${time}`, time, zone, shift });
  // 23:30–01:00 in Geneva on 26 November 2025
  const across = meetingDaysAcross(Temporal.Instant.from('2025-11-26T22:30:00Z'), Temporal.Instant.from('2025-11-27T00:00:00Z'), 'Europe/Zurich');
  t.equal(across, 1);
  t.equal(
    rangeHtml(l, at('11:30 PM', 'GMT+1', 0), at('1:00 AM', 'GMT+1', 0), across),
    '<time datetime="I11:30 PM">11:30 PM</time>–<time datetime="I1:00 AM">1:00 AM</time> <span class="d">+1 day</span> <bdi class="z">GMT+1</bdi>',
    'the meeting’s clock marks the end on the next day',
  );
  t.equal(
    rangeHtml(l, at('2:30 PM', 'PST', 0), at('4:00 PM', 'PST', -1), across),
    '<time datetime="I2:30 PM">2:30 PM</time>–<time datetime="I4:00 PM">4:00 PM</time> <bdi class="z">PST</bdi>',
    'both Los Angeles times are on the 26th: no mark',
  );
});

t.test('subscribe links', async (t) => {
  const links = subscribeLinks({ publicUrl: 'https://meridian.example' }, 'm 1', 'Meeting & more');
  t.equal(links.feed, 'https://meridian.example/meetings/m%201/calendar.ics');
  t.equal(links.webcal, 'webcal://meridian.example/meetings/m%201/calendar.ics');
  t.equal(links.google, `https://calendar.google.com/calendar/render?cid=${encodeURIComponent('webcal://meridian.example/meetings/m%201/calendar.ics')}`);
  t.equal(links.outlook, `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent('https://meridian.example/meetings/m%201/calendar.ics')}&name=Meeting%20%26%20more`);
  t.equal(links.session('s/1'), 'https://meridian.example/meetings/m%201/sessions/s%2F1/event.ics');
});

t.test('the zone picker lists every zone once, the current one selected, an alias added', async (t) => {
  const tokyo = zoneOptionsHtml('Asia/Tokyo');
  t.equal(tokyo.match(/<option selected>/g)?.length, 1);
  t.match(tokyo, '<option selected>Asia/Tokyo</option>');
  t.match(tokyo, '<option>UTC</option>');
  t.ok(tokyo.match(/<option/g)!.length > 400, 'every zone the runtime knows');
  const alias = zoneOptionsHtml('Asia/Kolkata');
  if (!Intl.supportedValuesOf('timeZone').includes('Asia/Kolkata')) t.ok(alias.startsWith('<option selected>Asia/Kolkata</option>'), 'an alias the list lacks comes first');
});

t.test('the assets: compacted, still valid, fingerprinted', async (t) => {
  t.equal(compactCss('a {\n  color: red; /* why */\n}\n@media print { .x > .y { display: none } }'), 'a{color:red;}@media print{.x>.y{display:none}}');
  t.equal(compactJs('// why\nconst a = 1;\n  /**\n   * doc\n   */\n  f(a);\n'), 'const a = 1;\nf(a);');
  const assets = loadPageAssets();
  t.match(assets.css.path, /^\/assets\/agenda\.[0-9a-f]{10}\.css$/);
  t.match(assets.js.path, /^\/assets\/agenda\.[0-9a-f]{10}\.js$/);
  t.doesNotThrow(() => new Script(assets.js.body.toString('utf8')), 'the compacted script still parses');
  const source = readFileSync(new URL('../../src/page/client/agenda.js', import.meta.url), 'utf8');
  t.ok(assets.js.body.length < source.length * 0.8, 'comments and indentation are gone');
  t.equal(loadPageAssets().js.path, assets.js.path, 'the same bytes, the same path');
});

t.test('the script formats with the very option sets of the server', async (t) => {
  const source = readFileSync(new URL('../../src/page/client/agenda.js', import.meta.url), 'utf8');
  for (const [name, options] of Object.entries(FORMAT_OPTIONS)) {
    const literal = `${name}: { ${Object.entries(options).map(([key, value]) => `${key}: '${value}'`).join(', ')} },`;
    t.ok(source.includes(literal), `${name}: ${literal}`);
  }
});
