/**
 * `parseLocalDateTime` builds wall times from the fields it matched instead of handing the text to
 * the polyfill's parser: it must accept, refuse and read every text as
 * `Temporal.PlainDateTime.from(text, { overflow: 'reject' })` does, and a stored time must mean
 * the same instant as the parser's reading of it.
 */
import t from 'tap';
import { Temporal } from '../../src/time/temporal.ts';
import { formatWallTime, instantOf, parseLocalDateTime } from '../../src/time/local-time.ts';
import { InvalidLocalTimeError } from '../../src/errors.ts';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** What the polyfill's parser makes of a text the API accepts the shape of: a wall time, or a refusal. */
const byParser = (text: string): string => {
  try {
    return Temporal.PlainDateTime.from(text, { overflow: 'reject' }).toString();
  } catch {
    return 'refused';
  }
};

const byFields = (text: string): string => {
  try {
    return parseLocalDateTime('start', text).toString();
  } catch (error) {
    if (error instanceof InvalidLocalTimeError) return 'refused';
    throw error;
  }
};

t.test('reads every day of a leap and a common year, and the days no month has, as the parser does', async (t) => {
  const texts = [2024, 2025, 1900, 2000].flatMap((year) =>
    Array.from({ length: 13 }, (_, month) => month + 1).flatMap((month) =>
      Array.from({ length: 32 }, (_, day) => `${year}-${pad(month)}-${pad(day)}T12:00`),
    ),
  );
  t.same(texts.filter((text) => byFields(text) !== byParser(text)), []);
});

t.test('reads every hour, minute and second written, out-of-range ones included, as the parser does', async (t) => {
  const times = [
    ...Array.from({ length: 100 }, (_, hour) => `${pad(hour)}:00`),
    ...Array.from({ length: 100 }, (_, minute) => `09:${pad(minute)}`),
    ...Array.from({ length: 100 }, (_, second) => `09:20:${pad(second)}`),
  ];
  const texts = times.map((time) => `2025-11-26T${time}`);
  t.same(texts.filter((text) => byFields(text) !== byParser(text)), []);
  t.equal(formatWallTime(parseLocalDateTime('start', '2016-12-31T23:59:60')), '2016-12-31T23:59:59', 'a leap second reads as :59, as the parser reads it');
});

t.test('reads the first and last years and texts of the wrong shape as the parser and the schema do', async (t) => {
  for (const text of ['1900-01-01T00:00', '2999-12-31T23:59:59']) t.equal(byFields(text), byParser(text), text);
  for (const text of ['2025-11-26 09:20', '2025-11-26T09:20Z', '2025-11-26T09:20+01:00', '2025-11-26T9:20', '2025-11-26T09:20:00.5', '+002025-11-26T09:20', '']) {
    t.equal(byFields(text), 'refused', JSON.stringify(text));
  }
});

t.test('refuses the years outside 1900 to 2999, which the parser reads, naming them', async (t) => {
  for (const text of ['0000-01-01T00:00', '0025-11-26T09:20', '1899-12-31T23:59:59', '3000-01-01T00:00', '9999-12-31T23:00']) {
    t.not(byParser(text), 'refused', `${text}: a wall time to the parser`);
    t.throws(() => parseLocalDateTime('start', text), { code: 'invalid-local-time', message: /not in the years 1900 to 2999/ }, text);
  }
});

t.test('a stored wall time means the instant the parser\'s reading of it means', async (t) => {
  const stored = ['2025-11-26T09:20', '2026-03-29T02:30', '2026-10-25T02:30', '2025-11-26T09:20:30'];
  for (const zone of ['Europe/Zurich', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
    for (const local of stored) {
      for (const disambiguation of [null, 'earlier', 'later'] as const) {
        const expected = Temporal.PlainDateTime.from(local).toZonedDateTime(zone, { disambiguation: disambiguation ?? 'compatible' }).toInstant();
        t.equal(instantOf({ local, disambiguation }, zone).toString(), expected.toString(), `${local} ${disambiguation} in ${zone}`);
      }
    }
  }
});

t.test('writes a wall time as toString does to the minute, or to the second when it has seconds', async (t) => {
  // random fields over every year the polyfill holds, with and without seconds and fractions
  let state = 0x9e3779b9;
  const random = (below: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
  const walls = Array.from({ length: 20_000 }, (_, index) => {
    const year = index % 4 === 0 ? random(540_000) - 270_000 : random(10_000);
    const second = random(2) === 0 ? 0 : random(60);
    const fraction = random(3) === 0 ? [random(1000), random(1000), random(1000)] : [0, 0, 0];
    return new Temporal.PlainDateTime(year, random(12) + 1, random(28) + 1, random(24), random(60), second, ...fraction);
  });
  const expected = (wall: Temporal.PlainDateTime) => wall.toString({ smallestUnit: wall.second === 0 ? 'minute' : 'second' });
  t.same(walls.filter((wall) => formatWallTime(wall) !== expected(wall)).map(String), []);
  t.equal(formatWallTime(Temporal.PlainDateTime.from('2025-11-26T09:20:00.5')), '2025-11-26T09:20', 'the example');
});
