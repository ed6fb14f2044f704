/**
 * Bidirectional isolation (Unicode UAX #9). A Latin title, zone or time inside Arabic text is
 * wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so that its own direction is kept and
 * it cannot reorder the words around it ("Session 2:" would otherwise swap with its neighbours).
 * The HTML renderer turns the same marks into `<bdi>` elements.
 */

/** U+2068 FIRST STRONG ISOLATE */
export const FSI = '\u2068';
/** U+2069 POP DIRECTIONAL ISOLATE */
export const PDI = '\u2069';
/** U+200F RIGHT-TO-LEFT MARK: starts a plain-text line that must read right to left */
export const RLM = '\u200f';

// Isolates, embeddings and overrides a user could type: they would unbalance ours.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
// Hebrew, Arabic, Syriac, Thaana, N'Ko … and the Arabic presentation forms.
const STRONG_RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/** Removes bidi control characters from text that came from outside (titles, names, notes). */
export const withoutBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** Whether text holds a right-to-left letter. */
export const hasRightToLeft = (text: string): boolean => STRONG_RIGHT_TO_LEFT.test(text);

/**
 * Wraps a value in an isolate: always inside right-to-left text, and inside left-to-right text
 * when the value itself holds right-to-left letters (an Arabic speaker's name in English text).
 *
 * @example
 * isolate('Session 2', true) //=> '\u2068Session 2\u2069'
 * isolate('Session 2', false) //=> 'Session 2'
 */
export const isolate = (value: string, rightToLeft: boolean): string => {
  const clean = withoutBidiControls(value);
  return rightToLeft || hasRightToLeft(clean) ? `${FSI}${clean}${PDI}` : clean;
};
