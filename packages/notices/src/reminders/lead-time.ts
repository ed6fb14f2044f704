import type { Localizer } from '../localizer.ts';

/**
 * How long before the start, in the largest whole unit: 1440 minutes read "in 1 day", 90 read
 * "in 90 minutes". Plural forms come from the catalogue through `Intl.PluralRules`.
 *
 * @example
 * leadTime(localizerFor('ru'), 21) //=> 'через 21 минуту'
 */
export const leadTime = (l: Localizer, minutes: number): string => {
  if (minutes >= 1440 && minutes % 1440 === 0) return l.t('reminder.in.days', { count: minutes / 1440 });
  if (minutes >= 60 && minutes % 60 === 0) return l.t('reminder.in.hours', { count: minutes / 60 });
  return l.t('reminder.in.minutes', { count: minutes });
};
