import t from 'tap';
import ICAL from 'ical.js';
import { Temporal } from '@meridian/domain';
import { vtimezone } from '../src/index.ts';
import { instantOfTime } from './fixtures/read-ics.ts';

const instant = (iso: string) => Temporal.Instant.from(iso);
const YEAR_2026 = { from: instant('2026-01-01T00:00:00Z'), to: instant('2026-12-31T23:59:59Z') };

/** The observances of a VTIMEZONE as ical.js reads them: kind, DTSTART, TZOFFSETFROM, TZOFFSETTO. */
const observancesOf = (component: ICAL.Component): string[][] =>
  component.getAllSubcomponents().map((observance) => [
    observance.name.toUpperCase(),
    String(observance.getFirstPropertyValue('dtstart')),
    String(observance.getFirstPropertyValue('tzoffsetfrom')),
    String(observance.getFirstPropertyValue('tzoffsetto')),
  ]);

const parse = (text: string): ICAL.Component =>
  new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR\r\n`)).getFirstSubcomponent('vtimezone')!;

/**
 * The 2026 changes, as published by each country (not computed by Temporal): the first observance
 * is the one in force on 1 January, then one per change, DTSTART in the offset before it.
 */
const FACTS: Record<string, { observances: string[][]; changes: string[] }> = {
  'Europe/Zurich': {
    observances: [
      ['STANDARD', '2025-10-26T03:00:00', '+02:00', '+01:00'],
      ['DAYLIGHT', '2026-03-29T02:00:00', '+01:00', '+02:00'],
      ['STANDARD', '2026-10-25T03:00:00', '+02:00', '+01:00'],
    ],
    changes: ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  },
  'America/New_York': {
    observances: [
      ['STANDARD', '2025-11-02T02:00:00', '-04:00', '-05:00'],
      ['DAYLIGHT', '2026-03-08T02:00:00', '-05:00', '-04:00'],
      ['STANDARD', '2026-11-01T02:00:00', '-04:00', '-05:00'],
    ],
    changes: ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  },
  // daylight saving of 30 minutes
  'Australia/Lord_Howe': {
    observances: [
      ['DAYLIGHT', '2025-10-05T02:00:00', '+10:30', '+11:00'],
      ['STANDARD', '2026-04-05T02:00:00', '+11:00', '+10:30'],
      ['DAYLIGHT', '2026-10-04T02:00:00', '+10:30', '+11:00'],
    ],
    changes: ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
  },
  // +05:45 since 1986, no change since
  'Asia/Kathmandu': {
    observances: [['STANDARD', '1986-01-01T00:00:00', '+05:30', '+05:45']],
    changes: [],
  },
  // +12:45 and +13:45
  'Pacific/Chatham': {
    observances: [
      ['DAYLIGHT', '2025-09-28T02:45:00', '+12:45', '+13:45'],
      ['STANDARD', '2026-04-05T03:45:00', '+13:45', '+12:45'],
      ['DAYLIGHT', '2026-09-27T02:45:00', '+12:45', '+13:45'],
    ],
    changes: ['2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z'],
  },
  // Brazil abolished daylight saving in 2019: a 2018 table would still announce it
  'America/Sao_Paulo': {
    observances: [['STANDARD', '2019-02-17T00:00:00', '-02:00', '-03:00']],
    changes: [],
  },
};

const fields = (wall: Temporal.PlainDateTime) => ({
  year: wall.year,
  month: wall.month,
  day: wall.day,
  hour: wall.hour,
  minute: wall.minute,
  second: wall.second,
});

/** Every 15 minutes for two days around each change, every 6 hours over the rest of the year. */
const samples = (changes: readonly string[]): Temporal.Instant[] => {
  const all: Temporal.Instant[] = [];
  for (let at = YEAR_2026.from; Temporal.Instant.compare(at, YEAR_2026.to) < 0; at = at.add({ hours: 6 })) all.push(at);
  for (const change of changes) {
    for (let minutes = -24 * 60; minutes <= 24 * 60; minutes += 15) all.push(instant(change).add({ minutes }));
  }
  return all;
};

for (const [zone, facts] of Object.entries(FACTS)) {
  t.test(`${zone}: the VTIMEZONE of 2026 holds its real changes and ical.js computes the runtime's offsets from it`, async (t) => {
    const component = parse(vtimezone(zone, YEAR_2026));
    t.equal(component.getFirstPropertyValue('tzid'), zone);
    t.same(observancesOf(component), facts.observances, 'observances');
    const ical = new ICAL.Timezone({ component, tzid: zone });
    // A client reads DTSTART;TZID=… as wall time → instant, which is what is checked. (ical.js's own
    // instant → wall conversion looks the offset up with the UTC wall time, wrong near a change in
    // any zone far from UTC: its limitation, not the file's.)
    let checked = 0;
    for (const at of samples(facts.changes)) {
      const wall = at.toZonedDateTimeISO(zone).toPlainDateTime();
      const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
      const later = wall.toZonedDateTime(zone, { disambiguation: 'later' });
      // a wall time inside a fold is never written under a TZID (the feed writes it in UTC)
      if (earlier.offsetNanoseconds !== later.offsetNanoseconds) continue;
      const time = ICAL.Time.fromData({ ...fields(wall), isDate: false }, ical);
      if (ical.utcOffset(time) * 1e9 !== earlier.offsetNanoseconds || !instantOfTime(time).equals(at)) {
        t.fail(`${wall.toString()} ${zone}: ical.js says ${instantOfTime(time).toString()}, Temporal ${at.toString()}`);
      }
      checked += 1;
    }
    t.ok(checked > 1400, `${checked} wall times read back to the runtime's instants`);
  });
}

t.test('the rules in force are the runtime\'s: São Paulo had daylight saving in 2018-19, not in 2025-26', async (t) => {
  const then = parse(vtimezone('America/Sao_Paulo', { from: instant('2018-06-01T00:00:00Z'), to: instant('2019-06-01T00:00:00Z') }));
  t.same(observancesOf(then), [
    ['STANDARD', '2018-02-18T00:00:00', '-02:00', '-03:00'],
    ['DAYLIGHT', '2018-11-04T00:00:00', '-03:00', '-02:00'],
    ['STANDARD', '2019-02-17T00:00:00', '-02:00', '-03:00'],
  ]);
  const now = vtimezone('America/Sao_Paulo', { from: instant('2025-01-01T00:00:00Z'), to: instant('2026-12-31T00:00:00Z') });
  t.notOk(now.includes('DAYLIGHT'), 'no DAYLIGHT component in 2025–2026');
});

t.test('a range starting on a change starts with the new offset', async (t) => {
  const component = parse(vtimezone('Europe/Zurich', { from: instant('2026-03-29T01:00:00Z'), to: instant('2026-03-29T05:00:00Z') }));
  t.same(observancesOf(component), [['DAYLIGHT', '2026-03-29T02:00:00', '+01:00', '+02:00']]);
});

t.test('a zone that never changes gets one STANDARD observance from the start of the range', async (t) => {
  for (const [zone, offset] of [['UTC', '+00:00'], ['Etc/GMT-14', '+14:00']] as const) {
    const component = parse(vtimezone(zone, YEAR_2026));
    t.same(observancesOf(component).map(([kind, , from, to]) => [kind, from, to]), [['STANDARD', offset, offset]], zone);
  }
});

t.test('a range starting before the zone\'s first change (local mean time) still holds every change in it', async (t) => {
  // Geneva kept its local mean time (+00:34:08) until 1853-07-16: a session in year 1, a typo
  // once accepted, made the VTIMEZONE of a whole feed that offset alone, every session shifted.
  const text = vtimezone('Europe/Zurich', { from: instant('1850-01-01T00:00:00Z'), to: YEAR_2026.to });
  const component = parse(text);
  const observances = observancesOf(component);
  // (ical.js shows an offset's hours and minutes only: the text has its seconds)
  t.same(observances[0], ['STANDARD', '1850-01-01T00:34:08', '+00:34', '+00:34'], 'first, the local mean time in force at the start');
  t.match(text, /DTSTART:18500101T003408\r\nTZOFFSETFROM:\+003408\r\nTZOFFSETTO:\+003408/);
  t.same(observances.slice(-2), FACTS['Europe/Zurich']!.observances.slice(-2), 'and the changes of 2026 at the end');
  const ical = new ICAL.Timezone({ component, tzid: 'Europe/Zurich' });
  const time = ICAL.Time.fromData({ year: 2026, month: 11, day: 26, hour: 9, minute: 20, second: 0, isDate: false }, ical);
  t.equal(instantOfTime(time).toString(), '2026-11-26T08:20:00Z', 'ical.js reads 09:20 in Geneva in 2026 at +01:00');
});

t.test('TZNAME is written where the zone has an abbreviation, not a bare offset', async (t) => {
  const names = (zone: string) =>
    parse(vtimezone(zone, YEAR_2026))
      .getAllSubcomponents()
      .map((observance) => observance.getFirstPropertyValue('tzname'));
  t.same(names('Europe/Zurich'), ['CET', 'CEST', 'CET']);
  t.same(names('America/New_York'), ['EST', 'EDT', 'EST']);
  t.same(names('Asia/Kathmandu'), [null], 'ICU only knows "GMT+5:45"');
});

t.test('lines end in CRLF and offsets keep their sign and minutes', async (t) => {
  const text = vtimezone('Pacific/Chatham', YEAR_2026);
  t.notOk(/[^\r]\n/.test(text), 'CRLF only');
  t.ok(text.includes('TZOFFSETFROM:+1345\r\nTZOFFSETTO:+1245'));
  t.ok(vtimezone('America/Sao_Paulo', YEAR_2026).includes('TZOFFSETTO:-0300'));
});
