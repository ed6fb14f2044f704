import t from 'tap';
import { argumentNames, LANGUAGES, parseMessage, pluralSelectors } from '@meridian/notices';
import { PAGE_CATALOGUES, type PageMessageKey } from '../../src/page/catalogues/index.ts';
import { CLIENT_KEYS } from '../../src/page/client-strings.ts';
import { pageLocalizerFor } from '../../src/page/page-localizer.ts';

const english = PAGE_CATALOGUES.en;
const keys = Object.keys(english).sort() as PageMessageKey[];

t.test('every page catalogue has exactly the keys of English', async (t) => {
  for (const language of LANGUAGES) t.same(Object.keys(PAGE_CATALOGUES[language]).sort(), keys, language);
});

t.test('every message parses, with the placeholders of English and no other', async (t) => {
  for (const language of LANGUAGES) {
    const problems = keys.flatMap((key): { key: string; error?: string; expected?: string[]; actual?: string[] }[] => {
      const message = PAGE_CATALOGUES[language][key];
      try {
        parseMessage(message);
      } catch (error) {
        return [{ key, error: (error as Error).message }];
      }
      const expected = argumentNames(english[key]).sort();
      const actual = argumentNames(message).sort();
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ key, expected, actual }];
    });
    t.same(problems, [], language);
  }
});

t.test('every plural covers each category its language picks for whole numbers', async (t) => {
  for (const language of LANGUAGES) {
    const rules = new Intl.PluralRules(language);
    const needed = new Set<string>([...Array.from({ length: 1001 }, (_, n) => rules.select(n)), 'other']);
    const problems = keys.flatMap((key) =>
      Object.entries(pluralSelectors(PAGE_CATALOGUES[language][key])).flatMap(([name, selectors]) => {
        const missing = [...needed].filter((category) => !selectors.includes(category) && !(category === 'zero' && selectors.includes('=0')));
        return missing.length === 0 ? [] : [{ key, name, missing }];
      }),
    );
    t.same(problems, [], language);
  }
});

t.test('the messages the page\'s script fills are plain {name} templates (it knows no plurals)', async (t) => {
  t.ok(CLIENT_KEYS.length >= 8, 'client messages exist');
  for (const language of LANGUAGES) {
    const plural = CLIENT_KEYS.filter((key) => Object.keys(pluralSelectors(PAGE_CATALOGUES[language][key])).length > 0);
    t.same(plural, [], language);
  }
});

// Words that are the same in both languages.
const SHARED_WORDS: Readonly<Record<string, readonly PageMessageKey[]>> = { fr: ['programme.heading'] };

t.test('no translation is English left in place', async (t) => {
  const sameAsEnglish = (language: (typeof LANGUAGES)[number]) =>
    keys.filter(
      (key) =>
        PAGE_CATALOGUES[language][key] === english[key] &&
        /[a-z]{4}/.test(english[key].replace(/\{[^}]*\}/g, '')) &&
        !(SHARED_WORDS[language] ?? []).includes(key),
    );
  for (const language of LANGUAGES.filter((language) => language !== 'en')) t.same(sameAsEnglish(language), [], language);
});

t.test('the localizer escapes values, isolates them in Arabic, and formats counts', async (t) => {
  const en = pageLocalizerFor('en-GB');
  t.equal(en.t('session.speakers', { names: '<b>Ada</b>' }), 'Speakers: &lt;b&gt;Ada&lt;/b&gt;');
  t.equal(en.t('history.published', { count: 4 }), 'First published, with 4 sessions.');
  t.equal(en.t('history.published', { count: 1 }), 'First published, with 1 session.');
  const ar = pageLocalizerFor('ar');
  t.equal(ar.dir, 'rtl');
  t.equal(ar.t('session.speakers', { names: 'Ada' }), 'المتحدثون: <bdi>Ada</bdi>');
  t.equal(ar.t('history.published', { count: 2 }), 'النشر الأول، ويتضمن جلستين.');
  t.equal(pageLocalizerFor('ru').t('history.published', { count: 3 }), 'Первая публикация: 3 заседания.');
  t.equal(en.t('session.speakers', { names: 'محمد' }), 'Speakers: <bdi>محمد</bdi>', 'an Arabic name in English text is isolated too');
  t.equal(pageLocalizerFor('zh-TW').locale, 'zh-Hans-TW', 'Chinese formats in Simplified script');
  t.throws(() => en.t('session.speakers'), { code: 'missing-page-value' });
});
