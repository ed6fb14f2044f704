import { validateLocale } from '@meridian/domain';
import { LANGUAGES, languageOf } from '@meridian/notices';
import { acceptedLanguageTags } from '../accept-language.ts';

/** The locale a page is written and formatted in, and whether the reader chose it with `?lang=`. */
export interface PageLanguage {
  /** a BCP 47 tag whose language is one of the six (English otherwise) */
  readonly locale: string;
  /** true when `?lang=` chose it: links and forms then carry it on */
  readonly explicit: boolean;
}

/**
 * The page's locale: `?lang=` when given (an unparseable tag is a 400), else the first
 * `Accept-Language` tag, by q-weight, in one of the six UN languages, else English. A bare
 * `?lang=fr` borrows the reader's region from `Accept-Language` (`fr-CH`) for dates and times.
 *
 * @example
 * negotiatePageLanguage(undefined, 'de-CH, fr-CH;q=0.9, en;q=0.8') //=> { locale: 'fr-CH', explicit: false }
 * negotiatePageLanguage('ar', 'fr-CH') //=> { locale: 'ar', explicit: true }
 */
export const negotiatePageLanguage = (lang: string | undefined, acceptLanguage: string | undefined): PageLanguage => {
  const accepted = acceptedLanguageTags(acceptLanguage).flatMap((tag) => {
    try {
      return [formattingLocale(validateLocale(tag))];
    } catch {
      return [];
    }
  });
  if (lang !== undefined) {
    const chosen = formattingLocale(validateLocale(lang));
    const regional = chosen.includes('-') ? undefined : accepted.find((tag) => tag.includes('-') && languageOf(tag) === languageOf(chosen) && primary(tag) === primary(chosen));
    return { locale: regional ?? chosen, explicit: true };
  }
  const usable = accepted.find((tag) => (LANGUAGES as readonly string[]).includes(primary(tag)));
  return { locale: usable ?? 'en', explicit: false };
};

const primary = (tag: string): string => new Intl.Locale(tag).language;

/**
 * A locale with only what formats a page: language, script, region, and the calendar, numbering
 * system and hour cycle it asks for among those the runtime knows. A private-use or unknown part
 * changes nothing on the page, and would make each request a page of its own, rendered anew
 * (the rendered pages are kept by locale).
 *
 * @example
 * formattingLocale('en-GB-x-r123') //=> 'en-GB'
 * formattingLocale('ar-EG-u-nu-latn') //=> 'ar-EG-u-nu-latn'
 */
export const formattingLocale = (tag: string): string => {
  const locale = new Intl.Locale(tag);
  const known = (value: string | undefined, values: readonly string[]) => (value !== undefined && values.includes(value) ? value : undefined);
  return new Intl.Locale(locale.baseName, {
    ...optional('calendar', known(locale.calendar, CALENDARS)),
    ...optional('numberingSystem', known(locale.numberingSystem, NUMBERING_SYSTEMS)),
    ...optional('hourCycle', known(locale.hourCycle, HOUR_CYCLES) as Intl.LocaleHourCycleKey | undefined),
  }).toString();
};

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
const CALENDARS = Intl.supportedValuesOf('calendar');
const NUMBERING_SYSTEMS = Intl.supportedValuesOf('numberingSystem');
const HOUR_CYCLES = ['h11', 'h12', 'h23', 'h24'];

