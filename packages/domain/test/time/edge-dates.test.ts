/**
 * The edge dates of the time rules as named, readable cases. Each expectation is written by hand
 * from published facts (the tz rules of each place) and first checked against the independent
 * oracle table (Python zoneinfo, test/fixtures/tz-oracle.json), so neither a typo here nor the
 * implementation can define what is right.
 */
import t from 'tap';
import { Temporal } from '../../src/time/temporal.ts';
import { instantOf, resolveLocalTime, type Disambiguation } from '../../src/time/local-time.ts';
import { projectInstant } from '../../src/time/projection.ts';
import { AmbiguousLocalTimeError, NonexistentLocalTimeError } from '../../src/errors.ts';
import { loadOracle, oracleCase, oracleRow } from '../fixtures/tz-oracle.ts';

const table = loadOracle();

/** The assertions the helpers below use, as every (sub)test has them. */
type Asserts = Pick<typeof t, 'same' | 'match'>;

/** The outcome of writing a wall time in a zone: the instant it means, or the refusal with its alternatives. */
const write = (local: string, zone: string, disambiguation: Disambiguation | null = null) => {
  try {
    const { zoned, time } = resolveLocalTime('start', local, zone, disambiguation);
    return { resolved: zoned.toInstant().toString(), offset: zoned.offset, disambiguation: time.disambiguation };
  } catch (error) {
    if (error instanceof NonexistentLocalTimeError) return { nonexistent: error.details['validAlternatives'] };
    if (error instanceof AmbiguousLocalTimeError) return { ambiguous: error.details['validAlternatives'] };
    throw error;
  }
};

const view = (instant: string, meetingZone: string, viewerZone: string) => {
  const projected = projectInstant(Temporal.Instant.from(instant), { meetingZone, viewerZone, locale: 'en-GB' });
  return { meeting: projected.meeting, local: projected.local, offset: projected.offset, dayShift: projected.dayShift };
};

/** Given a gap, the oracle agrees with the published fact, and writing a time in it is refused with the nearest valid times. */
const expectGap = (t: Asserts, zone: string, local: string, before: string, after: string): void => {
  t.match(oracleCase(table, zone, local), { kind: 'gap', before, after }, `the oracle also finds ${local} missing in ${zone}`);
  t.same(write(local, zone), { nonexistent: [before, after] }, `${local} is refused, naming ${before} and ${after}`);
  t.same(write(local, zone, 'earlier'), { nonexistent: [before, after] }, 'a disambiguation does not make it exist');
};

/** Given a fold, the oracle agrees, writing the time is refused without a choice, and each choice gives its instant. */
const expectFold = (
  t: Asserts,
  zone: string,
  local: string,
  earlier: { instant: string; offset: string },
  later: { instant: string; offset: string },
): void => {
  t.match(oracleCase(table, zone, local), { kind: 'fold', earlier, later }, `the oracle also finds ${local} twice in ${zone}`);
  t.same(
    write(local, zone),
    { ambiguous: [{ disambiguation: 'earlier', ...earlier }, { disambiguation: 'later', ...later }] },
    `${local} without a choice is refused, naming both`,
  );
  t.same(write(local, zone, 'earlier'), { resolved: earlier.instant, offset: earlier.offset, disambiguation: 'earlier' }, `earlier is ${earlier.instant} (${earlier.offset})`);
  t.same(write(local, zone, 'later'), { resolved: later.instant, offset: later.offset, disambiguation: 'later' }, `later is ${later.instant} (${later.offset})`);
};

t.test('EU DST 2026: given a meeting in Geneva, when a session starts at 02:30 on 2026-03-29, then it is refused (the clocks skip 02:00–03:00)', (t) => {
  expectGap(t, 'Europe/Zurich', '2026-03-29T02:30', '2026-03-29T01:59', '2026-03-29T03:00');
  t.end();
});

t.test('EU DST 2026: given a meeting in Geneva, when a session starts at 02:30 on 2026-10-25, then it must say which 02:30 (earlier +02:00, later +01:00)', (t) => {
  expectFold(t, 'Europe/Zurich', '2026-10-25T02:30', { instant: '2026-10-25T00:30:00Z', offset: '+02:00' }, { instant: '2026-10-25T01:30:00Z', offset: '+01:00' });
  t.end();
});

t.test('US DST 2026: given a meeting in New York, when a session starts at 02:30 on 2026-03-08, then it is refused (02:00–03:00 is skipped)', (t) => {
  expectGap(t, 'America/New_York', '2026-03-08T02:30', '2026-03-08T01:59', '2026-03-08T03:00');
  t.end();
});

t.test('US DST 2026: given a meeting in New York, when a session starts at 01:30 on 2026-11-01, then it must say which (EDT -04:00 or EST -05:00)', (t) => {
  expectFold(t, 'America/New_York', '2026-11-01T01:30', { instant: '2026-11-01T05:30:00Z', offset: '-04:00' }, { instant: '2026-11-01T06:30:00Z', offset: '-05:00' });
  t.end();
});

t.test('Lord Howe: given its 30-minute DST (+10:30 standard, +11:00 summer), when times are written around its 2026 changes, then only the half hour is skipped or doubled', (t) => {
  const zone = 'Australia/Lord_Howe';
  t.same(write('2026-01-15T12:00', zone), { resolved: '2026-01-15T01:00:00Z', offset: '+11:00', disambiguation: null }, 'January is summer: +11:00');
  t.same(write('2026-07-15T12:00', zone), { resolved: '2026-07-15T01:30:00Z', offset: '+10:30', disambiguation: null }, 'July is winter: +10:30');
  t.match(oracleCase(table, zone, '2026-07-15T12:00'), { kind: 'ok', offset: '+10:30' }, 'the oracle agrees on +10:30');
  // 2026-04-05: at 02:00 summer time the clocks go back to 01:30, so 01:30–01:59 happens twice
  expectFold(t, zone, '2026-04-05T01:45', { instant: '2026-04-04T14:45:00Z', offset: '+11:00' }, { instant: '2026-04-04T15:15:00Z', offset: '+10:30' });
  t.same(write('2026-04-05T01:29', zone), { resolved: '2026-04-04T14:29:00Z', offset: '+11:00', disambiguation: null }, '01:29 happens once');
  t.same(write('2026-04-05T02:00', zone), { resolved: '2026-04-04T15:30:00Z', offset: '+10:30', disambiguation: null }, '02:00 happens once');
  // 2026-10-04: at 02:00 standard time the clocks go forward to 02:30
  expectGap(t, zone, '2026-10-04T02:15', '2026-10-04T01:59', '2026-10-04T02:30');
  t.same(write('2026-10-04T02:30', zone), { resolved: '2026-10-03T15:30:00Z', offset: '+11:00', disambiguation: null }, '02:30 exists');
  t.end();
});

t.test('Chatham: given +12:45 in winter and +13:45 in summer, when times are written around its 2026 changes, then the quarter-hour offsets hold', (t) => {
  const zone = 'Pacific/Chatham';
  t.equal(oracleRow(table, zone, '2026-07-15T12:00:00Z')[1], '+12:45', 'the oracle: +12:45 in July');
  t.equal(oracleRow(table, zone, '2026-01-15T12:00:00Z')[1], '+13:45', 'the oracle: +13:45 in January');
  t.same(view('2026-07-15T12:00:00Z', 'UTC', zone), { meeting: '2026-07-15T12:00', local: '2026-07-16T00:45', offset: '+12:45', dayShift: 1 });
  t.same(view('2026-01-15T12:00:00Z', 'UTC', zone), { meeting: '2026-01-15T12:00', local: '2026-01-16T01:45', offset: '+13:45', dayShift: 1 });
  // 2026-04-05: 03:45 CHADT goes back to 02:45 CHAST; 2026-09-27: 02:45 CHAST goes forward to 03:45 CHADT
  expectFold(t, zone, '2026-04-05T03:00', { instant: '2026-04-04T13:15:00Z', offset: '+13:45' }, { instant: '2026-04-04T14:15:00Z', offset: '+12:45' });
  expectGap(t, zone, '2026-09-27T03:00', '2026-09-27T02:44', '2026-09-27T03:45');
  t.end();
});

t.test('Kathmandu: given +05:45 all year, when the Geneva reference meeting is seen there, then it is 13:45, and 1986\'s 15-minute jump is a gap', (t) => {
  const zone = 'Asia/Kathmandu';
  t.equal(oracleRow(table, zone, '2025-11-26T08:00:00Z')[2], '2025-11-26T13:45:00', 'the oracle: 13:45');
  t.same(view('2025-11-26T08:00:00Z', 'Europe/Zurich', zone), { meeting: '2025-11-26T09:00', local: '2025-11-26T13:45', offset: '+05:45', dayShift: 0 });
  t.same(view('2026-07-15T12:00:00Z', 'Europe/Zurich', zone), { meeting: '2026-07-15T14:00', local: '2026-07-15T17:45', offset: '+05:45', dayShift: 0 }, 'no DST in July either');
  expectGap(t, zone, '1986-01-01T00:07', '1985-12-31T23:59', '1986-01-01T00:15');
  t.end();
});

t.test('Kiritimati: given +14, when the Geneva reference meeting (2025-11-26 09:00–17:00, +01:00) is seen there, then it starts at 22:00 the same day and ends the next day', (t) => {
  const zone = 'Pacific/Kiritimati';
  // 09:00 in Geneva is 08:00Z, 22:00 at +14: still the same date. From 11:00 in Geneva (10:00Z) on, it is the next day.
  t.match(table.dayShifts.find((entry) => entry.viewerZone === zone && entry.meeting === '2025-11-26T09:00'), { local: '2025-11-26T22:00', dayShift: 0 }, 'the oracle: 22:00, same day');
  t.match(table.dayShifts.find((entry) => entry.viewerZone === zone && entry.meeting === '2025-11-26T11:00'), { local: '2025-11-27T00:00', dayShift: 1 }, 'the oracle: 00:00, next day');
  const start = write('2025-11-26T09:00', 'Europe/Zurich');
  t.same(start, { resolved: '2025-11-26T08:00:00Z', offset: '+01:00', disambiguation: null });
  t.same(view('2025-11-26T08:00:00Z', 'Europe/Zurich', zone), { meeting: '2025-11-26T09:00', local: '2025-11-26T22:00', offset: '+14:00', dayShift: 0 }, 'the start: 22:00 the same day');
  t.same(view('2025-11-26T10:00:00Z', 'Europe/Zurich', zone), { meeting: '2025-11-26T11:00', local: '2025-11-27T00:00', offset: '+14:00', dayShift: 1 }, 'a session at 11:00 in Geneva: midnight, the next day');
  t.same(view('2025-11-26T16:00:00Z', 'Europe/Zurich', zone), { meeting: '2025-11-26T17:00', local: '2025-11-27T06:00', offset: '+14:00', dayShift: 1 }, 'the end: 06:00 the next day');
  t.end();
});

t.test('The date line: given Samoa skipped 2011-12-30, when a time on that day is written in Pacific/Apia, then it does not exist', (t) => {
  expectGap(t, 'Pacific/Apia', '2011-12-30T12:00', '2011-12-29T23:59', '2011-12-31T00:00');
  t.same(write('2011-12-29T23:59', 'Pacific/Apia'), { resolved: '2011-12-30T09:59:00Z', offset: '-10:00', disambiguation: null }, 'the last minute of 29 December, at -10:00');
  t.same(write('2011-12-31T00:00', 'Pacific/Apia'), { resolved: '2011-12-30T10:00:00Z', offset: '+14:00', disambiguation: null }, 'the next minute is 31 December, at +14:00');
  // a time stored before the rules changed is read with the offset before the jump (-10:00): 22:00Z, i.e. 12:00 on the 31st
  t.match(oracleCase(table, 'Pacific/Apia', '2011-12-30T12:00'), { compatible: '2011-12-30T22:00:00Z' }, 'the oracle: 22:00Z');
  t.equal(instantOf({ local: '2011-12-30T12:00', disambiguation: null }, 'Pacific/Apia').toString(), '2011-12-30T22:00:00Z', 'a stored time on the skipped day moves forward by the day skipped');
  t.end();
});

t.test('The date line: given Pago Pago at -11 and Kiritimati at +14, when one instant is seen in both, then their wall clocks are 25 hours apart and up to two dates apart', (t) => {
  t.equal(oracleRow(table, 'Pacific/Pago_Pago', '2026-01-15T12:00:00Z')[2], '2026-01-15T01:00:00', 'the oracle: 01:00 in Pago Pago');
  t.equal(oracleRow(table, 'Pacific/Kiritimati', '2026-01-15T12:00:00Z')[2], '2026-01-16T02:00:00', 'the oracle: 02:00 the next day in Kiritimati');
  const noon = view('2026-01-15T12:00:00Z', 'Pacific/Pago_Pago', 'Pacific/Kiritimati');
  t.same(noon, { meeting: '2026-01-15T01:00', local: '2026-01-16T02:00', offset: '+14:00', dayShift: 1 });
  const hours = Temporal.PlainDateTime.from(noon.meeting).until(Temporal.PlainDateTime.from(noon.local), { largestUnit: 'hour' }).hours;
  t.equal(hours, 25, '25 hours between the two wall clocks');
  // between 10:00Z and 11:00Z it is 23:xx yesterday in Pago Pago and 00:xx tomorrow in Kiritimati
  t.same(view('2026-01-15T10:30:00Z', 'Pacific/Pago_Pago', 'Pacific/Kiritimati'), { meeting: '2026-01-14T23:30', local: '2026-01-16T00:30', offset: '+14:00', dayShift: 2 }, 'two dates apart');
  t.same(view('2026-01-15T10:30:00Z', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'), { meeting: '2026-01-16T00:30', local: '2026-01-14T23:30', offset: '-11:00', dayShift: -2 }, 'and -2 the other way round');
  t.end();
});
