import { validateLocale } from '@meridian/domain';

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
  for (const tag of preferredTags(acceptLanguage ?? '')) {
    try {
      return validateLocale(tag);
    } catch {
      // an Accept-Language entry we cannot format in is skipped, not an error: the client did not choose it
    }
  }
  return DEFAULT_LOCALE;
};

const preferredTags = (header: string): string[] =>
  header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
