// At most this many tags are weighed: a header is the client's to make as long as it likes.
const MAX_TAGS = 20;

/**
 * The language tags of an `Accept-Language` header, most wanted first (by q-weight, ties in header
 * order), leaving out `*` and what q=0 refuses; the tags are not validated.
 *
 * @example
 * acceptedLanguageTags('fr-CH, fr;q=0.9, *;q=0.5, en;q=0.8') //=> ['fr-CH', 'fr', 'en']
 */
export const acceptedLanguageTags = (header: string | undefined): string[] =>
  (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .slice(0, MAX_TAGS)
    .map((entry) => entry.tag);
