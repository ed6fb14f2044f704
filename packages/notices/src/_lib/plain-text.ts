import { RLM } from './bidi.ts';

/**
 * Joins blocks of display text into a plain-text body: blocks separated by a blank line, empty
 * ones dropped. In right-to-left text every line starts with a RIGHT-TO-LEFT MARK, so that a mail
 * client that picks each paragraph's direction from its first letter reads it right to left even
 * when it starts with an isolated Latin title.
 *
 * @example
 * plainText(['Title', ['a', null, 'b']], 'ltr') //=> 'Title\n\na\nb\n'
 */
export const plainText = (blocks: readonly (string | null | readonly (string | null)[])[], dir: 'ltr' | 'rtl'): string =>
  blocks
    .map((block) => (typeof block === 'string' || block === null ? [block] : block).filter((line) => line !== null).join('\n'))
    .filter((block) => block !== '')
    .join('\n\n')
    .split('\n')
    .map((line) => (dir === 'rtl' && line !== '' ? `${RLM}${line}` : line))
    .join('\n')
    .concat('\n');
