/** Trusted markup: only the page's own renderers make it, from escaped text. */
export interface Html {
  readonly html: string;
}

/**
 * Marks markup the renderers built as trusted.
 *
 * @example
 * markup('<bdi>Asia/Tokyo</bdi>').html //=> '<bdi>Asia/Tokyo</bdi>'
 */
export const markup = (html: string): Html => ({ html });

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as const;

/**
 * Escapes text for element content and double-quoted attribute values.
 *
 * @example
 * escapeHtml('<script> & "x"') //=> '&lt;script&gt; &amp; &quot;x&quot;'
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char as keyof typeof ENTITIES]);

/** U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, as `@meridian/notices` writes them. */
const FSI = '\u2068';
const PDI = '\u2069';
/** U+200F RIGHT-TO-LEFT MARK that notices put at the start of plain-text lines */
const RLM = '\u200f';
// Embeddings, overrides and isolates someone could type into a title: they would unbalance ours.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value from outside as plain text isolated from the words around it (FSI…PDI), where no element
 * can go, such as `<title>`: a Latin title in an Arabic sentence keeps its own order.
 *
 * @example
 * isolatedText('Session 2') //=> '\u2068Session 2\u2069'
 */
export const isolatedText = (value: string): string => `${FSI}${value.replace(BIDI_CONTROLS, '')}${PDI}`;

/**
 * A value from outside (a title, a name, a zone id, a time) as HTML: escaped, stray bidi controls
 * removed, and wrapped in `<bdi>` so that its own direction cannot reorder the words around it.
 *
 * @example
 * isolatedHtml('Session 2: <b>') //=> '<bdi>Session 2: &lt;b&gt;</bdi>'
 */
export const isolatedHtml = (value: string): string => `<bdi>${escapeHtml(value.replace(BIDI_CONTROLS, ''))}</bdi>`;

/**
 * Display text of `@meridian/notices` (isolates as FSI…PDI marks) as HTML with `<bdi>` elements.
 *
 * @example
 * noticeTextHtml('\u2068Session 2\u2069 <') //=> '<bdi>Session 2</bdi> &lt;'
 */
export const noticeTextHtml = (text: string): string =>
  escapeHtml(text.replaceAll(RLM, '')).replaceAll(FSI, '<bdi>').replaceAll(PDI, '</bdi>');

/**
 * An attribute list from a record; `false`, `null` and `undefined` leave the attribute out,
 * `true` writes it bare.
 *
 * @example
 * attributes({ href: '/m/a?b=1&c=2', hidden: true, lang: null }) //=> ' href="/m/a?b=1&amp;c=2" hidden'
 */
export const attributes = (values: Readonly<Record<string, string | number | boolean | null | undefined>>): string =>
  Object.entries(values)
    .filter(([, value]) => value !== false && value !== null && value !== undefined)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
    .join('');

/**
 * JSON inside `<script type="application/json">`: no `<` can close the element, no line separator
 * can break it.
 *
 * @example
 * scriptJson({ a: '</script>' }) //=> '{"a":"\\u003c/script>"}'
 */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
