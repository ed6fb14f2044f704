import { UnknownLocaleError } from '../errors.ts';

/**
 * Validates a BCP 47 locale tag for date formatting and answers its canonical form. A tag that
 * parses but that the runtime cannot format (no such language) is refused rather than silently
 * replaced by a fallback: a participant who asked for a language must get it or be told.
 *
 * @example
 * validateLocale('en-gb') //=> 'en-GB'
 */
export const validateLocale = (value: string): string => {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(value)[0];
  } catch {
    throw new UnknownLocaleError(value);
  }
  if (canonical === undefined || Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 0) {
    throw new UnknownLocaleError(value);
  }
  return canonical;
};
