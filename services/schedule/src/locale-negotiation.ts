import { validateLocale } from '@meridian/domain';
import { acceptedLanguageTags } from './accept-language.ts';

export const DEFAULT_LOCALE = 'en';

/**
 * The locale to format in: the one asked for (validated: an unknown one is a 400, not a guess),
 * else the first usable tag of `Accept-Language` by its q-weights, else English.
 *
 * @example
 * negotiateLocale(undefined, 'fr-CH, fr;q=0.9, en;q=0.8') //=> 'fr-CH'
 */
export const negotiateLocale = (requested: string | undefined, acceptLanguage: string | undefined): string => {
  if (requested !== undefined) return validateLocale(requested);
  for (const tag of acceptedLanguageTags(acceptLanguage)) {
    try {
      return validateLocale(tag);
    } catch {
      // an Accept-Language entry we cannot format in is skipped, not an error: the client did not choose it
    }
  }
  return DEFAULT_LOCALE;
};
