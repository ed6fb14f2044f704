import t from 'tap';
import { NonexistentLocalTimeError } from '../../src/errors.ts';
import { resolveTimes, storedInstantOf } from '../../src/meeting/schedule-rules.ts';
import { instantOf, type LocalTime } from '../../src/time/local-time.ts';

const at = (local: string, disambiguation: LocalTime['disambiguation'] = null): LocalTime => ({ local, disambiguation });

t.test('a stored time has the instant instantOf gives it, in whichever zone it is asked for', async (t) => {
  const time = at('2025-11-26T09:20');
  t.equal(storedInstantOf(time, 'Europe/Zurich').toString(), '2025-11-26T08:20:00Z');
  t.equal(storedInstantOf(time, 'Europe/Zurich'), storedInstantOf(time, 'Europe/Zurich'), 'parsed once: the same instant object');
  t.equal(storedInstantOf(time, 'America/New_York').toString(), '2025-11-26T14:20:00Z', 'another zone is not answered from the first');
  t.equal(storedInstantOf(time, 'Europe/Zurich').toString(), '2025-11-26T08:20:00Z', 'and back');
  const folded = at('2026-10-25T02:30', 'later');
  t.equal(storedInstantOf(folded, 'Europe/Zurich').toString(), instantOf(folded, 'Europe/Zurich').toString(), 'a fold keeps its side');
});

t.test('the times a command resolves are known under the objects it stores', async (t) => {
  const times = resolveTimes(at('2025-11-26T09:20:00'), at('2025-11-26T11:00'), 'Europe/Zurich');
  t.same(times.start, at('2025-11-26T09:20'), 'written as stored');
  t.equal(storedInstantOf(times.start, 'Europe/Zurich'), times.startInstant, 'the stored object is known: nothing parsed again');
  t.equal(storedInstantOf(times.end, 'Europe/Zurich'), times.endInstant);
  const again = resolveTimes(times.start, times.end, 'Europe/Zurich');
  t.equal(again.start, times.start, 'a kept time resolves to itself');
  t.equal(again.startInstant, times.startInstant);
});

t.test('a time refused once is refused again: refusals are not remembered', async (t) => {
  const gap = at('2026-03-29T02:30');
  const end = at('2026-03-29T04:00');
  t.throws(() => resolveTimes(gap, end, 'Europe/Zurich'), NonexistentLocalTimeError);
  t.throws(() => resolveTimes(gap, end, 'Europe/Zurich'), NonexistentLocalTimeError);
  t.equal(resolveTimes(gap, end, 'Asia/Tokyo').startInstant.toString(), '2026-03-28T17:30:00Z', 'where it exists, it resolves');
  t.equal(storedInstantOf(gap, 'Europe/Zurich').toString(), '2026-03-29T01:30:00Z', 'as stored, it moves forward as clocks do');
  t.throws(() => resolveTimes(gap, end, 'Europe/Zurich'), NonexistentLocalTimeError, 'its instant known does not make it valid');
});

t.test('a time sent again in an object of its own resolves as it did, to the same stored time', async (t) => {
  const first = resolveTimes(at('2025-11-26T09:20:00'), at('2025-11-26T11:00'), 'Europe/Zurich');
  const again = resolveTimes(at('2025-11-26T09:20:00'), at('2025-11-26T11:00'), 'Europe/Zurich');
  t.equal(again.start, first.start, 'the time first stored');
  t.equal(again.startInstant, first.startInstant);
  t.equal(resolveTimes(at('2025-11-26T09:20:00'), at('2025-11-26T11:00'), 'America/New_York').startInstant.toString(), '2025-11-26T14:20:00Z', 'another zone is not answered from the first');
  const folded = at('2026-10-25T02:30', 'later');
  const foldEnd = at('2026-10-25T04:00');
  t.equal(resolveTimes(folded, foldEnd, 'Europe/Zurich').startInstant.toString(), '2026-10-25T01:30:00Z', 'a fold resolved on its side');
  t.equal(resolveTimes(at('2026-10-25T02:30', 'earlier'), foldEnd, 'Europe/Zurich').startInstant.toString(), '2026-10-25T00:30:00Z', 'and the other side is another time');
});

t.test('a refused time names the field it was sent in, each time it is sent', async (t) => {
  const gap = '2026-03-29T02:30';
  t.throws(() => resolveTimes(at(gap), at('2026-03-29T04:00'), 'Europe/Zurich'), { code: 'nonexistent-local-time', details: { field: 'start' } });
  t.throws(() => resolveTimes(at('2026-03-29T01:00'), at(gap), 'Europe/Zurich'), { code: 'nonexistent-local-time', details: { field: 'end' } });
});
