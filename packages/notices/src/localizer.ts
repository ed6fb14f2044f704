import { BoundedMemo } from '@meridian/domain';
import { CATALOGUES, type MessageKey } from './catalogues/index.ts';
import { intlLocaleOf, isRightToLeft, languageOf, type Language } from './language.ts';
import { isolate } from './_lib/bidi.ts';
import { formatNodes, parseMessage } from './_lib/message-format.ts';

/** Text already in the reader's language (a nested message): inserted as it is, not isolated. */
export interface Localized {
  readonly localized: string;
}

/**
 * Marks text as already localized.
 *
 * @example
 * l.t('change.previously', { time: asIs(line) }) // the line is not isolated again
 */
export const asIs = (text: string): Localized => ({ localized: text });

/**
 * A placeholder value: a string from outside (title, zone, time, link) is bidi-isolated in
 * right-to-left text; a number is formatted by `Intl.NumberFormat` and picks plural forms.
 */
export type MessageValue = string | number | Localized;

/** Everything needed to write in one subscriber's language. */
export interface Localizer {
  readonly language: Language;
  /** the locale `Intl` formats with (see `intlLocaleOf`) */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /** a catalogue message with its placeholders filled */
  readonly t: (key: MessageKey, values?: Readonly<Record<string, MessageValue>>) => string;
  /** a conjunction of localized items ("title and speakers"), by `Intl.ListFormat` */
  readonly list: (items: readonly string[]) => string;
  /** a value from outside, isolated as the language needs */
  readonly isolate: (value: string) => string;
}

/** A message used a placeholder it was not given: a programming error, not a user one. */
export class MissingMessageValueError extends Error {
  override readonly name = 'MissingMessageValueError';
  readonly code = 'missing-message-value';
  constructor(key: string, name: string) {
    super(`message ${key} needs a value for {${name}}`);
  }
}

const cache = new BoundedMemo<string, Localizer>(256);

/**
 * The localizer of a subscriber's locale (memoised per locale: building `Intl` objects is costly).
 *
 * @example
 * localizerFor('ru-RU').t('reminder.in.minutes', { count: 21 }) //=> 'через 21 минуту'
 */
export const localizerFor = (locale: string): Localizer => {
  return cache.get(locale) ?? cache.set(locale, build(locale));
};

const build = (subscriberLocale: string): Localizer => {
  const language = languageOf(subscriberLocale);
  const locale = intlLocaleOf(subscriberLocale);
  const rightToLeft = isRightToLeft(language);
  const catalogue = CATALOGUES[language];
  const pluralRules = new Intl.PluralRules(locale);
  const numberFormat = new Intl.NumberFormat(locale);
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
  const isolateValue = (value: string) => isolate(value, rightToLeft);

  const t = (key: MessageKey, values: Readonly<Record<string, MessageValue>> = {}): string => {
    const valueOf = (name: string): MessageValue => {
      const value = values[name];
      if (value === undefined) throw new MissingMessageValueError(key, name);
      return value;
    };
    return formatNodes(parseMessage(catalogue[key]), {
      insert: (name) => {
        const value = valueOf(name);
        if (typeof value === 'number') return numberFormat.format(value);
        return typeof value === 'string' ? isolateValue(value) : value.localized;
      },
      count: (name) => {
        const value = valueOf(name);
        if (typeof value !== 'number') throw new MissingMessageValueError(key, `${name} (a number)`);
        return value;
      },
      pluralRules,
      numberFormat,
    });
  };

  return {
    language,
    locale,
    dir: rightToLeft ? 'rtl' : 'ltr',
    t,
    list: (items) => listFormat.format(items),
    isolate: isolateValue,
  };
};
