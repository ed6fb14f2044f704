/**
 * Zone ids and locale tags are remembered once validated (requests repeat a handful of them);
 * what is answered must not depend on whether the memo held the value already.
 */
import t from 'tap';
import { validateTimeZone } from '../../src/time/time-zone.ts';
import { validateLocale } from '../../src/time/locale.ts';

t.test('a remembered zone answers as it did the first time, in the letter case given', async (t) => {
  for (const round of ['first', 'remembered']) {
    t.equal(validateTimeZone('europe/zurich'), 'Europe/Zurich', `${round}: case normalised`);
    t.equal(validateTimeZone('Asia/Calcutta'), 'Asia/Calcutta', `${round}: an alias kept as written`);
    t.equal(validateTimeZone('Etc/UTC'), 'Etc/UTC', round);
  }
});

t.test('an unknown zone is refused with its suggestions every time it is asked', async (t) => {
  for (const round of ['first', 'again']) {
    t.throws(() => validateTimeZone('CET'), { code: 'unknown-time-zone', details: { value: 'CET', suggestions: ['Europe/Paris', 'Europe/Zurich', 'Europe/Brussels', 'Europe/Berlin'] } }, round);
    t.throws(() => validateTimeZone('Mars/Olympus_Mons'), { code: 'unknown-time-zone' }, round);
  }
});

t.test('past the memo\'s bound, zones still validate (the oldest are forgotten, not wrong)', async (t) => {
  const zones = Intl.supportedValuesOf('timeZone').filter((zone) => zone.includes('/') && !zone.startsWith('Etc/'));
  const variants = zones.flatMap((zone) => [zone, zone.toLowerCase(), zone.toUpperCase()].map((variant) => [variant, zone] as const));
  t.ok(variants.length > 1024, `${variants.length} values, more than the memo keeps`);
  t.same(variants.filter(([variant, zone]) => validateTimeZone(variant) !== zone), [], 'every one answered with its zone');
  t.equal(validateTimeZone(variants[0]![0]), variants[0]![1], 'one forgotten since');
});

t.test('a remembered locale answers its canonical form; an unknown one is refused every time', async (t) => {
  for (const round of ['first', 'remembered']) {
    t.equal(validateLocale('en-gb'), 'en-GB', round);
    t.equal(validateLocale('fr-ch'), 'fr-CH', round);
    t.throws(() => validateLocale('not a locale'), { code: 'unknown-locale' }, round);
    t.throws(() => validateLocale('xx'), { code: 'unknown-locale' }, `${round}: well-formed, but no such language`);
  }
  const long = 'en-GB-u-ca-gregory-nu-latn-hc-h23-fw-mon';
  t.equal(validateLocale(long), validateLocale(long), 'a tag too long to remember still validates');
});
