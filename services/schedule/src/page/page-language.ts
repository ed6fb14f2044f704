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
      return [validateLocale(tag)];
    } catch {
      return [];
    }
  });
  if (lang !== undefined) {
    const chosen = validateLocale(lang);
    const regional = chosen.includes('-') ? undefined : accepted.find((tag) => tag.includes('-') && languageOf(tag) === languageOf(chosen) && primary(tag) === primary(chosen));
    return { locale: regional ?? chosen, explicit: true };
  }
  const usable = accepted.find((tag) => (LANGUAGES as readonly string[]).includes(primary(tag)));
  return { locale: usable ?? 'en', explicit: false };
};

const primary = (tag: string): string => new Intl.Locale(tag).language;
