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
  if (canonical === undefined || Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 0 || !knownSubtags(canonical)) {
    throw new UnknownLocaleError(value);
  }
  return canonical;
};

// The runtime formats `en-XX` as plain `en`: it matches a locale by its language and drops a
// region or script it has never heard of. Those are refused instead, as an unknown language is:
// a region or script CLDR has no name for, or the codes that say "unknown" (`fr-999`
// canonicalises to `fr-ZZ`).
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const scriptNames = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });

const knownSubtags = (canonical: string): boolean => {
  const { region, script } = new Intl.Locale(canonical);
  const knownRegion = region === undefined || (region !== 'ZZ' && regionNames.of(region) !== undefined);
  return knownRegion && (script === undefined || (script !== 'Zzzz' && scriptNames.of(script) !== undefined));
};
