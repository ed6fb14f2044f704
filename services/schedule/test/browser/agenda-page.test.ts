import t, { type Test } from 'tap';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { Temporal } from '@meridian/domain';
import { localizerFor } from '@meridian/notices';
import { startApp, type TestApp } from '../support/app.ts';
import { publishReferenceAgenda } from '../page/reference-agenda.ts';
import { launchChromium } from './chromium.ts';

/**
 * The agenda page end to end in headless Chromium: Debian's `chromium` package driven by
 * playwright-core against a schedule service listening on 127.0.0.1, loaded with the reference
 * meeting. Every case keeps a screenshot in `artifacts/screenshots/<case>.png` at the repository
 * root, and axe-core's verdict in `artifacts/axe-results.json`.
 */

// The callbacks given to page.evaluate run in the page, where the DOM exists; this project is
// type-checked without lib.dom (server code must not see browser globals), so they are declared
// here, for this module only.
declare const document: any;
declare const window: any;
declare const getComputedStyle: (element: any) => { direction: string; unicodeBidi: string };
type HTMLElement = any;
type Document = any;

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PUBLIC_URL = 'https://meridian.test';
const NOTIFY_URL = 'https://notify.meridian.test';

interface ProjectedTime {
  instant: string;
  /** the meeting's wall time, `2025-11-26T09:20` */
  meeting: string;
  abbreviation: string;
  dayShift: number;
  text: { time: string };
}
interface AgendaJson {
  sessions: { id: string; start: ProjectedTime; end: ProjectedTime }[];
}
interface RowTimes {
  id: string;
  times: string[];
  zones: string[];
  shifts: string[];
  visible: boolean;
}
interface AxeSummary {
  violations: { id: string; impact: string | null; help: string; nodes: string[] }[];
  passes: number;
  /** rules axe could not decide, for a person to look at */
  incomplete: { id: string; nodes: string[] }[];
}

const axeResults: Record<string, AxeSummary> = {};

t.test('the agenda page in headless Chromium', async (t) => {
  const browser = await launchChromium(t);
  if (browser === undefined) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const test = await startApp(t, { MERIDIAN_PUBLIC_URL: PUBLIC_URL, MERIDIAN_NOTIFY_URL: NOTIFY_URL });
  const meetingId = await publishReferenceAgenda(test);
  const base = await test.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => writeFileSync(join(ARTIFACTS, 'axe-results.json'), `${JSON.stringify(axeResults, null, 2)}\n`));
  const pageUrl = `${base}/m/${meetingId}`;

  for (const [name, timezoneId, locale] of [
    ['tokyo', 'Asia/Tokyo', 'en-GB'],
    ['new-york', 'America/New_York', 'en-US'],
    ['auckland', 'Pacific/Auckland', 'en-NZ'],
  ] as const) {
    t.test(`the browser's zone ${timezoneId}: the times the agenda API gives for it, beside Geneva's`, async (t) => {
      await withPage(t, browser, pageUrl, { timezoneId, locale }, async (page) => {
        t.equal(await page.getAttribute('main', 'data-vz'), timezoneId, 'the page follows the browser zone');
        await t.resolveMatch(page.textContent('th.tv .zid'), timezoneId, 'the column names the zone');
        const expected = await agendaJson(test, meetingId, timezoneId, locale);
        t.same(await rowTimes(page, 'td.tv'), expectedRows(expected, locale, true), 'viewer column = agenda API (text.time, abbreviation, dayShift)');
        const geneva = await rowTimes(page, 'td.tm');
        t.same(geneva.map((row) => row.times), [['09:00', '09:20'], ['09:20', '11:00'], ['15:00', '16:45'], ['16:45', '17:00']].map((times) => times.map((time) => formatTime(time, locale))), 'meeting column: Geneva wall times');
        const notes = await page.locator('#notes li').allTextContents();
        t.match(notes[0], `Times are shown in the meeting’s time zone (Europe/Zurich) and in ${timezoneId}.`, 'the zone notice');
        t.match(notes[1], `Your browser’s time zone, ${timezoneId}, is used.`);
        const dst = notes.filter((note) => note.startsWith('Clocks in'));
        if (timezoneId === 'America/New_York') {
          t.same(dst, ['Clocks in America/New_York change on Sunday, November 2, 2025 (EDT → EST), between today and the meeting. The times shown already allow for it.'], 'New York falls back on 2 November, after the clock\'s today');
        } else {
          t.same(dst, [], 'no clock change between today and the meeting (Geneva changed on 26 October, Auckland on 28 September, Tokyo never)');
        }
        await axeCheck(t, page, name);
        await screenshot(page, name);
      });
    });
  }

  t.test('the browser\'s zone is the meeting\'s (Geneva): one clock, no "your time" column', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Europe/Zurich', locale: 'en-GB' }, async (page) => {
      t.ok(await page.locator('main').evaluate((main) => main.classList.contains('same')));
      t.same((await rowTimes(page, 'td.tv')).map((row) => row.visible), [false, false, false, false], 'the viewer column is hidden');
      t.same((await rowTimes(page, 'td.tm')).map((row) => row.times), [['09:00', '09:20'], ['09:20', '11:00'], ['15:00', '16:45'], ['16:45', '17:00']]);
      t.same((await rowTimes(page, 'td.tm')).map((row) => row.zones), [['CET'], ['CET'], ['CET'], ['CET']], 'en-GB calls it CET');
      t.match(await page.textContent('#notes li'), 'Times are in the meeting’s time zone, Europe/Zurich.');
      await axeCheck(t, page, 'geneva');
      await screenshot(page, 'geneva');
    });
  });

  t.test('Arabic: right to left, names, zone ids and times isolated, times from the agenda API', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Asia/Riyadh', locale: 'ar' }, async (page) => {
      t.equal(await page.getAttribute('html', 'dir'), 'rtl');
      t.equal(await page.getAttribute('html', 'lang'), 'ar');
      t.equal(await page.locator('body').evaluate((body) => getComputedStyle(body).direction), 'rtl', 'laid out right to left');
      t.match(await page.textContent('h2#programme-h'), 'البرنامج');
      const expected = await agendaJson(test, meetingId, 'Asia/Riyadh', 'ar');
      t.same(await rowTimes(page, 'td.tv'), expectedRows(expected, 'ar', true), 'viewer column = agenda API in Arabic');
      const isolation = await page.evaluate(() => ({
        zoneIds: [...document.querySelectorAll('.zid')].every((node) => node.tagName === 'BDI'),
        zoneNames: [...document.querySelectorAll('.z')].every((node) => node.tagName === 'BDI'),
        times: [...document.querySelectorAll('main time')].every((node) => getComputedStyle(node).unicodeBidi === 'isolate'),
        noteZones: [...document.querySelectorAll('#notes bdi')].map((node) => node.textContent),
        titles: [...document.querySelectorAll('.title')].every((node) => node.getAttribute('dir') === 'auto'),
      }));
      t.ok(isolation.zoneIds && isolation.zoneNames, 'zone ids and zone names are <bdi>');
      t.ok(isolation.times, 'every <time> is isolated (unicode-bidi: isolate)');
      t.ok(isolation.titles, 'Latin titles keep their own direction (dir=auto)');
      t.same(isolation.noteZones.slice(0, 2), ['Europe/Zurich', 'Asia/Riyadh'], 'zone ids in the Arabic notice are isolated');
      await axeCheck(t, page, 'arabic');
      await screenshot(page, 'arabic');
    });
  });

  t.test('Chinese: Simplified script, CJK glyphs', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' }, async (page) => {
      t.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
      const expected = await agendaJson(test, meetingId, 'Asia/Shanghai', 'zh-CN');
      t.same(await rowTimes(page, 'td.tv'), expectedRows(expected, 'zh-CN', true));
      await axeCheck(t, page, 'chinese');
      await screenshot(page, 'chinese');
    });
  });

  t.test('without JavaScript: the meeting zone, a plain zone picker (?tz=), the notify form', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Asia/Tokyo', locale: 'en-GB', javaScriptEnabled: false }, async (page) => {
      t.equal(await page.getAttribute('main', 'data-vz'), 'Europe/Zurich', 'rendered in the meeting zone');
      t.equal(await page.getAttribute('main', 'data-ready'), null, 'the script did not run');
      t.same((await rowTimes(page, 'td.tm')).map((row) => row.times[0]), ['09:00', '09:20', '15:00', '16:45']);
      t.ok(await page.isVisible('form.picker select#tz'), 'the zone picker');
      t.ok(await page.isVisible('#notify-email'), 'the notify form, a plain one');
      t.equal(await page.getAttribute('#notify', 'action'), `${NOTIFY_URL}/subscriptions/form`, 'posted to the notify service, which answers with a page');
      await screenshot(page, 'no-js-geneva');

      await page.selectOption('#tz', 'America/New_York');
      await Promise.all([page.waitForURL(/\?tz=America%2FNew_York$/), page.click('form.picker button')]);
      const newYork = await agendaJson(test, meetingId, 'America/New_York', 'en-GB');
      t.same(await rowTimes(page, 'td.tv'), expectedRows(newYork, 'en-GB', true), 'the form\'s GET renders New York times on the server');
      t.equal(await page.inputValue('#tz'), 'America/New_York', 'the picker shows the chosen zone');

      await page.goto(`${pageUrl}?tz=Asia/Tokyo`);
      const tokyo = await agendaJson(test, meetingId, 'Asia/Tokyo', 'en-GB');
      t.same(await rowTimes(page, 'td.tv'), expectedRows(tokyo, 'en-GB', true), '?tz=Asia/Tokyo without JavaScript');
      await screenshot(page, 'no-js-tokyo');
    });
  });

  t.test('without JavaScript, axe-core finds nothing either (the page as served, its script replaced by an empty one)', async (t) => {
    // axe-core itself needs JavaScript: the server's rendering is checked with the page's own script emptied.
    const emptyScript = async (page: Page) => {
      await page.route('**/assets/agenda.*.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    };
    await withPage(t, browser, `${pageUrl}?tz=Asia/Tokyo`, { timezoneId: 'Asia/Tokyo', locale: 'en-GB' }, async (page) => {
      t.equal(await page.getAttribute('main', 'data-ready'), null, 'the page\'s script did not run');
      await axeCheck(t, page, 'no-js-tokyo');
    }, emptyScript);
  });

  t.test('with JavaScript, a zone chosen with ?tz= is kept; the picker changes it in place', async (t) => {
    await withPage(t, browser, `${pageUrl}?tz=America/New_York`, { timezoneId: 'Asia/Tokyo', locale: 'en-GB' }, async (page) => {
      t.equal(await page.getAttribute('main', 'data-vz'), 'America/New_York', '?tz= wins over the browser zone');
      await page.selectOption('#tz', 'Pacific/Auckland');
      await page.click('form.picker button');
      await page.waitForSelector('main[data-rendered^="Pacific/Auckland"]');
      t.match(page.url(), /\?tz=Pacific%2FAuckland$/, 'the URL keeps the choice');
      const auckland = await agendaJson(test, meetingId, 'Pacific/Auckland', 'en-GB');
      t.same(await rowTimes(page, 'td.tv'), expectedRows(auckland, 'en-GB', true));
      t.match(await page.getAttribute('nav a[hreflang="fr"]', 'href'), /tz=Pacific%2FAuckland/, 'language links keep the zone');
    });
  });

  t.test('in each of the six languages, the script rewrites the page exactly as the server writes it for that zone', async (t) => {
    for (const [timezoneId, locale] of [['Asia/Riyadh', 'ar'], ['Asia/Shanghai', 'zh-CN'], ['America/New_York', 'en-US'], ['Europe/Paris', 'fr-FR'], ['Europe/Moscow', 'ru'], ['America/Mexico_City', 'es-MX']] as const) {
      // the same text but for what only one of them shows: the "detected" note, and the notify form's intro (the script names the detected zone)
      const mainText = (page: Page) =>
        page.evaluate(() => {
          for (const node of document.querySelectorAll('main .notify, main #notes li.auto')) node.remove();
          return (document.querySelector('main') as HTMLElement).innerText;
        });
      let server = '';
      await withPage(t, browser, `${pageUrl}?tz=${timezoneId}`, { timezoneId, locale, javaScriptEnabled: false }, async (page) => {
        server = await mainText(page);
      });
      await withPage(t, browser, pageUrl, { timezoneId, locale }, async (page) => {
        t.equal(await mainText(page), server, `${locale} in ${timezoneId}: times, dates, notes and history agree`);
      });
    }
  });

  t.test('subscribe links carry the feed URL; each session links its own .ics', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Asia/Tokyo', locale: 'en-GB' }, async (page) => {
      const feed = `${PUBLIC_URL}/meetings/${meetingId}/calendar.ics`;
      const webcal = `webcal://meridian.test/meetings/${meetingId}/calendar.ics`;
      const href = (selector: string) => page.getAttribute(selector, 'href');
      t.equal(await href('#webcal'), webcal);
      t.equal(await href('#google'), `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`);
      t.equal(await href('#outlook'), `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feed)}&name=${encodeURIComponent('Meeting on local government and human rights')}`);
      t.equal(await href('#download'), feed);
      t.equal(await page.inputValue('#feed-url'), feed);
      t.same(
        await page.$$eval('a.add', (links) => links.map((link) => link.getAttribute('href'))),
        ['opening', 'session-1', 'session-2', 'closing'].map((id) => `${PUBLIC_URL}/meetings/${meetingId}/sessions/${id}/event.ics`),
      );
      const event = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/sessions/session-1/event.ics` });
      t.equal(event.statusCode, 200);
      t.equal(event.body.match(/BEGIN:VEVENT/g)?.length, 1, 'one event');
      const uid = /UID:(.+)\r\n/.exec(event.body)?.[1];
      const wholeFeed = (await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/calendar.ics` })).body;
      t.ok(uid !== undefined && wholeFeed.includes(`UID:${uid}\r\n`), 'the same UID as in the feed');
    });
  });

  t.test('keyboard: the skip link comes first and moves focus to the programme', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Asia/Tokyo', locale: 'en-GB' }, async (page) => {
      await page.keyboard.press('Tab');
      t.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
      t.ok(await page.isVisible('a.skip'), 'visible when focused');
      await page.keyboard.press('Enter');
      t.equal(await page.evaluate(() => document.activeElement?.id), 'programme');
      await page.keyboard.press('Tab');
      t.equal(await page.evaluate(() => document.activeElement?.className), 'add', 'then the first "add to calendar" link');
    });
  });

  t.test('"notify me" posts a subscription with the zone and language filled in', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'America/New_York', locale: 'fr-CA' }, async (page) => {
      let posted: unknown = null;
      await page.route(`${NOTIFY_URL}/subscriptions`, async (route) => {
        posted = route.request().postDataJSON();
        await route.fulfill({ status: 201, headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' }, body: JSON.stringify({ id: 's-1', status: 'pending' }) });
      });
      t.ok(await page.isVisible('#notify'), 'shown with JavaScript too');
      await page.fill('#notify-email', 'participant@example.org');
      await page.click('#notify button');
      // "Envoi…" (sending) first, then the outcome
      await page.locator('#notify-status').filter({ hasNotText: 'Envoi' }).filter({ hasText: /\S/ }).waitFor();
      t.same(posted, { meetingId, timeZone: 'America/New_York', locale: 'fr-CA', channel: { type: 'email', address: 'participant@example.org' } });
      t.match(await page.textContent('#notify-status'), 'Presque terminé', 'answered in the page language');
    });
  });

  t.test('printable: one A4 page in the chosen zone', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Asia/Tokyo', locale: 'en-GB' }, async (page) => {
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(join(SCREENSHOTS, 'print-tokyo.pdf'), pdf);
      t.equal(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length, 1, 'one page');
      await page.emulateMedia({ media: 'print' });
      t.notOk(await page.isVisible('form.picker'), 'no picker on paper');
      t.ok(await page.isVisible('td.tv'), 'the chosen zone is printed');
      await screenshot(page, 'print-tokyo');
    });
  });

  t.test('narrow screens: sessions stack under their times', async (t) => {
    await withPage(t, browser, pageUrl, { timezoneId: 'Pacific/Auckland', locale: 'en-NZ', viewport: { width: 390, height: 844 }, isMobile: true }, async (page) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      t.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
      await axeCheck(t, page, 'mobile-auckland');
      await screenshot(page, 'mobile-auckland');
    });
  });
});

/**
 * Opens the page in a fresh browser context (its own zone, locale, viewport), waits for the
 * page's script, runs the checks, and fails the test on any script error, CSP violation or failed
 * request the console reports.
 */
const withPage = async (
  t: Test,
  browser: Browser,
  url: string,
  options: BrowserContextOptions,
  check: (page: Page) => Promise<void>,
  setup?: (page: Page) => Promise<void>,
): Promise<void> => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await setup?.(page);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const response = await page.goto(url);
    t.equal(response?.status(), 200, `GET ${new URL(url).pathname}${new URL(url).search}`);
    if (options.javaScriptEnabled !== false && setup === undefined) await page.waitForSelector('main[data-ready]');
    await check(page);
  } finally {
    t.same(problems, [], 'no script error, no CSP violation, no failed request');
    await context.close();
  }
};

const agendaJson = async (test: TestApp, meetingId: string, tz: string, locale: string): Promise<AgendaJson> => {
  const response = await test.app.inject({ method: 'GET', url: `/meetings/${meetingId}/agenda?tz=${encodeURIComponent(tz)}&locale=${encodeURIComponent(locale)}` });
  return response.json() as AgendaJson;
};

/** What each row shows in one column: its times, zone names, day-shift markers, and whether it is visible. */
const rowTimes = async (page: Page, cell: string): Promise<RowTimes[]> =>
  (await page.$$eval(
    'tr[data-session]',
    (rows, selector) =>
      rows.map((row) => {
        const column = row.querySelector(selector)!;
        const texts = (query: string) => [...column.querySelectorAll(query)].map((node) => node.textContent ?? '');
        return { id: (row as HTMLElement).dataset.session!, times: texts('time'), zones: texts('.z'), shifts: texts('.d'), visible: column.checkVisibility() };
      }),
    cell,
  )).map((row) => ({ ...row, times: row.times.map(spaces), zones: row.zones.map(spaces), shifts: row.shifts.map(spaces) }));

/** Intl puts U+202F or U+00A0 before "AM" depending on the ICU build: compare with plain spaces. */
const spaces = (text: string): string => text.replace(/\s/g, ' ');

/**
 * The rows as the agenda API says they must read: its `text.time`, `abbreviation` and `dayShift`
 * (in the page's words), the end's shift counted from the meeting's date at the start.
 */
const expectedRows = (agenda: AgendaJson, locale: string, visible: boolean): RowTimes[] => {
  const l = localizerFor(locale);
  const shift = (days: number) => (days > 0 ? l.t('time.dayLater', { days }) : l.t('time.dayEarlier', { days: -days }));
  return agenda.sessions.map(({ id, start, end }) => {
    const endShift = end.dayShift + Temporal.PlainDate.from(start.meeting).until(Temporal.PlainDate.from(end.meeting)).days;
    return {
      id,
      times: [start.text.time, end.text.time].map(spaces),
      zones: (start.abbreviation === end.abbreviation ? [end.abbreviation] : [start.abbreviation, end.abbreviation]).map(spaces),
      shifts: (start.dayShift === endShift ? [endShift] : [start.dayShift, endShift]).filter((days) => days !== 0).map(shift).map(spaces),
      visible,
    };
  });
};

/** A Geneva wall time as `Intl` writes it in a locale (the meeting column). */
const formatTime = (hhmm: string, locale: string): string =>
  spaces(new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`2025-11-26T${hhmm}:00Z`)));

/** Runs axe-core inside the page (evaluated through DevTools, which the page's CSP does not govern). */
const axeCheck = async (t: Test, page: Page, name: string): Promise<void> => {
  await page.evaluate(AXE_SOURCE);
  const summary = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as { axe: { run: (context: Document) => Promise<{ violations: Result[]; passes: unknown[]; incomplete: Result[] }> } }).axe;
    const result = await axe.run(document);
    return {
      violations: result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) })),
      passes: result.passes.length,
      incomplete: result.incomplete.map((rule) => ({ id: rule.id, nodes: rule.nodes.map((node) => node.target.join(' ')) })),
    };
  });
  axeResults[name] = summary;
  t.same(summary.violations, [], `${name}: axe-core reports no violations (${summary.passes} rules passed)`);
};

const screenshot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};
