import { BoundedMemo } from '@meridian/domain';
import { intlLocaleOf, isRightToLeft, languageOf, localizerFor, parseMessage, type Language, type Localizer } from '@meridian/notices';
import { PAGE_CATALOGUES, type PageMessageKey } from './catalogues/index.ts';
import { escapeHtml, isolatedHtml, type Html } from './html.ts';

/** A placeholder value: text from outside is escaped (and isolated in right-to-left pages); a number is formatted by `Intl`. */
export type PageValue = string | number | Html;

/** Everything the page needs to write in one reader's language. */
export interface PageLocalizer {
  readonly language: Language;
  /** the locale `Intl` formats with */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /** a page message as HTML, its placeholders filled */
  readonly t: (key: PageMessageKey, values?: Readonly<Record<string, PageValue>>) => string;
  /** the raw message (for the page's script) */
  readonly raw: (key: PageMessageKey) => string;
  /** a value from outside as HTML, isolated where the language needs it */
  readonly value: (text: string) => string;
  /** the localizer of `@meridian/notices` for the same locale (change labels, day shifts) */
  readonly notices: Localizer;
}

/** A message used a placeholder it was not given: a programming error. */
export class MissingPageValueError extends Error {
  readonly code = 'missing-page-value';
  constructor(key: string, name: string) {
    super(`page message ${key} needs a value for {${name}}`);
  }
}

type Nodes = ReturnType<typeof parseMessage>;

/**
 * The page localizer of a locale: the page catalogue of its language, `Intl` in that locale.
 *
 * @example
 * pageLocalizerFor('fr-CH').t('session.speakers', { names: 'Ada' }) //=> 'Intervenants\u00a0: Ada'
 */
export const pageLocalizerFor = (requestedLocale: string): PageLocalizer => {
  return cache.get(requestedLocale) ?? cache.set(requestedLocale, build(requestedLocale));
};

// Building Intl objects costs more than a page render; pages come in a handful of locales.
const cache = new BoundedMemo<string, PageLocalizer>(64);

const build = (requestedLocale: string): PageLocalizer => {
  const language = languageOf(requestedLocale);
  const locale = intlLocaleOf(requestedLocale);
  const rightToLeft = isRightToLeft(language);
  const catalogue = PAGE_CATALOGUES[language];
  const pluralRules = new Intl.PluralRules(locale);
  const numberFormat = new Intl.NumberFormat(locale);
  // Isolation everywhere in right-to-left text; in left-to-right text only for right-to-left values.
  const value = (text: string) => (rightToLeft || /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(text) ? isolatedHtml(text) : escapeHtml(text));

  const t = (key: PageMessageKey, values: Readonly<Record<string, PageValue>> = {}): string => {
    const valueOf = (name: string): PageValue => {
      const found = values[name];
      if (found === undefined) throw new MissingPageValueError(key, name);
      return found;
    };
    const format = (nodes: Nodes, count: number): string =>
      nodes
        .map((node) => {
          switch (node.type) {
            case 'text':
              return escapeHtml(node.text);
            case 'count':
              return numberFormat.format(count);
            case 'argument': {
              const found = valueOf(node.name);
              if (typeof found === 'number') return numberFormat.format(found);
              return typeof found === 'string' ? value(found) : found.html;
            }
            case 'plural': {
              const found = valueOf(node.name);
              if (typeof found !== 'number') throw new MissingPageValueError(key, `${node.name} (a number)`);
              const branch = node.branches.get(`=${found}`) ?? node.branches.get(pluralRules.select(found)) ?? node.branches.get('other')!;
              return format(branch, found);
            }
          }
        })
        .join('');
    return format(parseMessage(catalogue[key]), 0);
  };

  return { language, locale, dir: rightToLeft ? 'rtl' : 'ltr', t, raw: (key) => catalogue[key], value, notices: localizerFor(requestedLocale) };
};
