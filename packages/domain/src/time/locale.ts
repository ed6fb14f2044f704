import { UnknownLocaleError } from '../errors.ts';
import { BoundedMemo } from '../_lib/bounded-memo.ts';

/**
 * Validates a BCP 47 locale tag for date formatting and answers its canonical form. A tag that
 * parses but that the runtime cannot format (no such language) is refused rather than silently
 * replaced by a fallback: a participant who asked for a language must get it or be told.
 *
 * @example
 * validateLocale('en-gb') //=> 'en-GB'
 */
export const validateLocale = (value: string): string => {
  const known = validatedLocales.get(value);
  if (known !== undefined) return known;
  const canonical = canonicalLocale(value);
  return value.length <= MEMO_TAG_LENGTH ? validatedLocales.set(value, canonical) : canonical;
};

// Canonicalising and asking the runtime for its locales costs more than a request should spend on
// its `?locale=` or each Accept-Language entry. Only accepted tags of at most 35 characters (what
// RFC 5646 asks every implementation to handle) are kept: clients cannot fill it with long ones,
// and a refused tag is answered afresh.
const VALIDATED_LOCALES_LIMIT = 1024;
const MEMO_TAG_LENGTH = 35;
const validatedLocales = new BoundedMemo<string, string>(VALIDATED_LOCALES_LIMIT);

const canonicalLocale = (value: string): string => {
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
