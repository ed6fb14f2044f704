import { FSI, PDI, RLM } from './bidi.ts';

/**
 * Escapes text for HTML element content and double-quoted attribute values.
 *
 * @example
 * escapeHtml('<script> & "x"') //=> '&lt;script&gt; &amp; &quot;x&quot;'
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ENTITIES[char as keyof typeof ENTITIES]);

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as const;

/**
 * HTML of a display text: escaped, its isolation marks turned into `<bdi>` elements (the marks come
 * in balanced pairs: `isolate` strips stray ones from outside text), line breaks into `<br>`.
 */
export const displayHtml = (text: string): string =>
  escapeHtml(text.replaceAll(RLM, ''))
    .replaceAll(FSI, '<bdi>')
    .replaceAll(PDI, '</bdi>')
    .replace(/\r?\n/g, '<br>');

/** A link whose label is display text. */
export const linkHtml = (url: string, label: string): string => `<a href="${escapeHtml(url)}">${displayHtml(label)}</a>`;

export interface HtmlDocumentOptions {
  /** the `lang` attribute, e.g. `ar` or `zh-Hans` */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** display text of the `<title>`: it holds no markup, so its isolation marks stay as characters */
  readonly title: string;
  /** HTML already escaped */
  readonly body: string;
}

/**
 * A complete, self-contained e-mail document: no external assets, styles inline.
 *
 * @example
 * htmlDocument({ lang: 'en', dir: 'ltr', title: 'Hi', body: '<p>Hi</p>' }).startsWith('<!doctype html>') //=> true
 */
export const htmlDocument = ({ lang, dir, title, body }: HtmlDocumentOptions): string =>
  [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title.replaceAll(RLM, ''))}</title>`,
    '</head>',
    `<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40em; margin: 0 auto; padding: 1em; color: #1b1b1b; background: #ffffff">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
