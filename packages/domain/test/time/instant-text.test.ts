/**
 * `instantText` writes instants on every command's path in place of the polyfill's slow
 * `toString`: the text must be exactly the one `toString` gives, for every instant.
 */
import t from 'tap';
import { Temporal } from '../../src/time/temporal.ts';
import { instantText } from '../../src/time/instant-text.ts';

const fromText = (text: string) => Temporal.Instant.from(text);

t.test('an instant is written as toString writes it: seconds always, a fraction without trailing zeros', async (t) => {
  t.equal(instantText(fromText('2025-11-26T08:20:00Z')), '2025-11-26T08:20:00Z');
  t.equal(instantText(fromText('2025-11-26T08:20:18.320Z')), '2025-11-26T08:20:18.32Z');
  t.equal(instantText(fromText('2025-11-26T08:20:18.007Z')), '2025-11-26T08:20:18.007Z');
  t.equal(instantText(fromText('2024-02-29T23:59:59.9Z')), '2024-02-29T23:59:59.9Z', 'a leap day');
});

t.test('edge years and finer precision are written as toString writes them', async (t) => {
  for (const text of [
    '1969-12-31T23:59:59.999Z',
    '1900-03-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '-000001-12-31T23:59:59.999Z',
    '9999-12-31T23:59:59.999Z',
    '+010000-01-01T00:00:00Z',
    '2025-11-26T08:20:18.000001Z',
    '2025-11-26T08:20:18.123456789Z',
    '1969-12-31T23:59:59.999999999Z',
  ]) {
    const instant = fromText(text);
    t.equal(instantText(instant), instant.toString(), text);
  }
});

t.test('any millisecond of 1800–2200 is written as toString writes it', async (t) => {
  const first = fromText('1800-01-01T00:00:00Z').epochMilliseconds;
  const last = fromText('2200-01-01T00:00:00Z').epochMilliseconds;
  // A fixed multiplicative walk, so a failure is reproducible: 20,000 instants spread over the range.
  const differing: string[] = [];
  for (let step = 0, milliseconds = first; step < 20_000; step += 1) {
    milliseconds = first + ((milliseconds - first + 7_919_000_013 * (step + 1)) % (last - first));
    // every tenth one on a whole second, every hundredth on a whole minute: the fraction's trimming
    const rounded = step % 100 === 0 ? milliseconds - (milliseconds % 60_000) : step % 10 === 0 ? milliseconds - (milliseconds % 1000) : milliseconds;
    const instant = Temporal.Instant.fromEpochMilliseconds(rounded);
    if (instantText(instant) !== instant.toString()) differing.push(instant.toString());
  }
  t.same(differing, []);
});
