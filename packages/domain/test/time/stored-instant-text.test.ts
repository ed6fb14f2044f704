/**
 * Answers show a session's instants through `storedInstantTextOf`, written once per stored time
 * and zone: the text must be the one `instantOf(...).toString()` gives, whichever zone asks first
 * and whether the time was parsed for the answer or resolved by a command before it.
 */
import t from 'tap';
import { resolveTimes, storedInstantTextOf } from '../../src/meeting/schedule-rules.ts';
import { instantOf, type LocalTime } from '../../src/time/local-time.ts';

const at = (local: string, disambiguation: LocalTime['disambiguation'] = null): LocalTime => ({ local, disambiguation });

t.test('a stored time is shown as instantOf writes it, in whichever zone it is asked for', async (t) => {
  const time = at('2025-11-26T09:20:30');
  for (const round of ['first', 'remembered']) {
    t.equal(storedInstantTextOf(time, 'Europe/Zurich'), '2025-11-26T08:20:30Z', round);
    t.equal(storedInstantTextOf(time, 'America/New_York'), '2025-11-26T14:20:30Z', `${round}: another zone is not answered from the first`);
  }
  for (const disambiguation of ['earlier', 'later'] as const) {
    const folded = at('2026-10-25T02:30', disambiguation);
    t.equal(storedInstantTextOf(folded, 'Europe/Zurich'), instantOf(folded, 'Europe/Zurich').toString(), `a fold keeps its side: ${disambiguation}`);
  }
  const gap = at('2026-03-29T02:30');
  t.equal(storedInstantTextOf(gap, 'Europe/Zurich'), instantOf(gap, 'Europe/Zurich').toString(), 'a time new rules put in a gap moves forward');
});

t.test('the times a command resolved are shown as instantOf writes them', async (t) => {
  const times = resolveTimes(at('2025-11-26T09:20:00'), at('2025-11-26T11:00'), 'Europe/Zurich');
  t.equal(storedInstantTextOf(times.start, 'Europe/Zurich'), '2025-11-26T08:20:00Z');
  t.equal(storedInstantTextOf(times.end, 'Europe/Zurich'), '2025-11-26T10:00:00Z');
  resolveTimes(times.start, times.end, 'Europe/Zurich');
  t.equal(storedInstantTextOf(times.start, 'Europe/Zurich'), '2025-11-26T08:20:00Z', 'and again once resolved anew');
});
