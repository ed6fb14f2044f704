import t from 'tap';
import { localizerFor } from '../src/index.ts';

const COUNTS = [1, 2, 5, 11, 21];

t.test('Russian minutes take the accusative forms after «через»: 1 минуту, 2 минуты, 5 минут, 11 минут, 21 минуту', async (t) => {
  const l = localizerFor('ru-RU');
  t.same(
    COUNTS.map((count) => l.t('reminder.in.minutes', { count })),
    ['через 1 минуту', 'через 2 минуты', 'через 5 минут', 'через 11 минут', 'через 21 минуту'],
  );
  t.same(
    COUNTS.map((count) => l.t('reminder.in.hours', { count })),
    ['через 1 час', 'через 2 часа', 'через 5 часов', 'через 11 часов', 'через 21 час'],
  );
});

t.test('Russian sessions: 1 заседание, 2 заседания, 5 заседаний, 11 заседаний, 21 заседание', async (t) => {
  const l = localizerFor('ru');
  t.same(
    COUNTS.map((count) => l.t('digest.count.updated', { count })),
    ['Изменено 1 заседание.', 'Изменены 2 заседания.', 'Изменено 5 заседаний.', 'Изменено 11 заседаний.', 'Изменено 21 заседание.'],
  );
});

t.test('Arabic minutes: one, dual, few (3–10), many (11–99)', async (t) => {
  const l = localizerFor('ar');
  t.same(
    COUNTS.map((count) => l.t('reminder.in.minutes', { count })),
    ['بعد دقيقة واحدة', 'بعد دقيقتين', 'بعد 5 دقائق', 'بعد 11 دقيقة', 'بعد 21 دقيقة'],
  );
  t.same(
    [1, 2, 5, 11, 100].map((count) => l.t('reminder.in.days', { count })),
    ['بعد يوم واحد', 'بعد يومين', 'بعد 5 أيام', 'بعد 11 يومًا', 'بعد 100 يوم'],
  );
});

t.test('Arabic sessions: جلسة واحدة، جلستان، 5 جلسات، 11 جلسة، 21 جلسة', async (t) => {
  const l = localizerFor('ar');
  t.same(
    [0, ...COUNTS].map((count) => l.t('digest.count.updated', { count })),
    ['لم تتغير أي جلسة.', 'تغيّرت جلسة واحدة.', 'تغيّرت جلستان.', 'تغيّرت 5 جلسات.', 'تغيّرت 11 جلسة.', 'تغيّرت 21 جلسة.'],
  );
});

t.test('an exact =0 branch wins over the category', async (t) => {
  t.equal(localizerFor('en').t('digest.count.updated', { count: 0 }), 'No session has changed.');
  t.equal(localizerFor('fr').t('digest.count.updated', { count: 0 }), 'Aucune séance n’a été modifiée.');
  t.equal(localizerFor('en').t('digest.count.updated', { count: 1 }), '1 session has changed.');
});

t.test('a number is written by Intl.NumberFormat of the locale', async (t) => {
  t.equal(localizerFor('ar-EG').t('reminder.in.minutes', { count: 5 }), 'بعد ٥ دقائق');
});

t.test('a missing placeholder value is a programming error, named', async (t) => {
  t.throws(() => localizerFor('en').t('reminder.subject', { title: 'x' }), { code: 'missing-message-value' });
});
