/** The six UN languages notices are written in, and how a subscriber's locale picks one. */

export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** The primary language subtag of a locale, or null when the tag does not parse. */
const primaryLanguage = (locale: string): string | null => {
  try {
    return new Intl.Locale(locale).language;
  } catch {
    return null;
  }
};

/**
 * The catalogue language for a subscriber's locale: its primary language when it is one of the
 * six, English otherwise (also for a tag that does not parse).
 *
 * @example
 * languageOf('fr-CH') //=> 'fr'
 * languageOf('zh-Hant-TW') //=> 'zh'
 * languageOf('de-CH') //=> 'en'
 */
export const languageOf = (locale: string): Language => {
  const language = primaryLanguage(locale);
  return language !== null && isLanguage(language) ? language : 'en';
};

/**
 * Whether a language is written right to left.
 *
 * @example
 * isRightToLeft('ar') //=> true
 */
export const isRightToLeft = (language: Language): boolean => language === 'ar';

/**
 * The locale `Intl` formats dates, times and numbers with, so that they read in the catalogue's
 * language. The subscriber's own tag is kept when its language is one of the six (so `en-US` keeps
 * its 12-hour clock and `fr-CH` its conventions); Chinese is written in Simplified script, so a
 * Traditional tag (`zh-Hant-TW`, `zh-TW`) formats as `zh-Hans` with its region; any other language falls back to `en-GB`,
 * whose 24-hour clock and day-month order read unambiguously worldwide.
 *
 * @example
 * intlLocaleOf('fr-CH') //=> 'fr-CH'
 * intlLocaleOf('zh-Hant-TW') //=> 'zh-Hans-TW'
 * intlLocaleOf('de-CH') //=> 'en-GB'
 */
export const intlLocaleOf = (locale: string): string => {
  const language = languageOf(locale);
  if (primaryLanguage(locale) !== language) return 'en-GB';
  const parsed = new Intl.Locale(locale);
  // `zh-TW` has no script subtag but means Traditional: ask the likely script
  if (language === 'zh' && parsed.maximize().script !== 'Hans') {
    return new Intl.Locale('zh', { script: 'Hans', ...(parsed.region === undefined ? {} : { region: parsed.region }) }).toString();
  }
  return parsed.toString();
};

/**
 * The value of an HTML `lang` attribute for a catalogue language (Chinese texts are Simplified).
 *
 * @example
 * htmlLangOf('zh') //=> 'zh-Hans'
 */
export const htmlLangOf = (language: Language): string => (language === 'zh' ? 'zh-Hans' : language);
