import t from 'tap';
import { argumentNames, CATALOGUES, LANGUAGES, parseMessage, pluralSelectors, type MessageKey } from '../src/index.ts';

const english = CATALOGUES.en;
const keys = Object.keys(english).sort() as MessageKey[];
const translations = LANGUAGES.filter((language) => language !== 'en');

t.test('every catalogue has exactly the keys of English', async (t) => {
  for (const language of LANGUAGES) t.same(Object.keys(CATALOGUES[language]).sort(), keys, language);
});

t.test('every message of every catalogue parses', async (t) => {
  for (const language of LANGUAGES) {
    const broken = keys.filter((key) => {
      try {
        parseMessage(CATALOGUES[language][key]);
        return false;
      } catch {
        return true;
      }
    });
    t.same(broken, [], language);
  }
});

t.test('every placeholder used in English appears in each translation, and no other', async (t) => {
  for (const language of translations) {
    const mismatched = keys.flatMap((key) => {
      const expected = argumentNames(english[key]).sort();
      const actual = argumentNames(CATALOGUES[language][key]).sort();
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ key, expected, actual }];
    });
    t.same(mismatched, [], language);
  }
});

t.test('every plural covers each category its language picks for whole numbers, and other', async (t) => {
  for (const language of LANGUAGES) {
    const rules = new Intl.PluralRules(language);
    const needed = new Set<string>(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
    needed.add('other');
    const known = new Set<string>(rules.resolvedOptions().pluralCategories);
    const problems = keys.flatMap((key) =>
      Object.entries(pluralSelectors(CATALOGUES[language][key])).flatMap(([name, selectors]) => {
        const missing = [...needed].filter((category) => !selectors.includes(category));
        const unknown = selectors.filter((selector) => !selector.startsWith('=') && !known.has(selector));
        return missing.length === 0 && unknown.length === 0 ? [] : [{ key, name, missing, unknown }];
      }),
    );
    t.same(problems, [], language);
  }
});

t.test('Arabic plurals use all six categories and Russian one, few, many and other', async (t) => {
  t.same(pluralSelectors(CATALOGUES.ar['reminder.in.minutes']).count, ['zero', 'one', 'two', 'few', 'many', 'other']);
  t.same(pluralSelectors(CATALOGUES.ru['reminder.in.minutes']).count, ['=0', 'one', 'few', 'many', 'other']);
});

t.test('no sentence is English left in place', async (t) => {
  // a message of placeholders ("{time} {zone}") or one word ("Description") may be the same;
  // a sentence of several words may not
  const sentences = keys.filter((key) => /[a-z]+ [a-z]+ [a-z]+/i.test(english[key].replace(/\{[^{}]*\}/g, '')));
  t.ok(sentences.length >= 20, 'the check sees the sentences');
  for (const language of translations) {
    t.same(
      sentences.filter((key) => CATALOGUES[language][key] === english[key]),
      [],
      language,
    );
  }
});
