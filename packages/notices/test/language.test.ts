import t from 'tap';
import { htmlLangOf, intlLocaleOf, isRightToLeft, languageOf } from '../src/index.ts';

t.test('a locale picks its UN language, anything else English', async (t) => {
  t.equal(languageOf('fr-CH'), 'fr');
  t.equal(languageOf('zh-Hant-TW'), 'zh');
  t.equal(languageOf('ar-EG'), 'ar');
  t.equal(languageOf('ru'), 'ru');
  t.equal(languageOf('es-419'), 'es');
  t.equal(languageOf('en-US'), 'en');
  t.equal(languageOf('de-CH'), 'en');
  t.equal(languageOf('not a locale!'), 'en');
});

t.test('only Arabic is written right to left', async (t) => {
  t.ok(isRightToLeft('ar'));
  for (const language of ['zh', 'en', 'fr', 'ru', 'es'] as const) t.notOk(isRightToLeft(language), language);
});

t.test('Intl formats in the subscriber’s own locale when it is a UN language, in Simplified Chinese, else en-GB', async (t) => {
  t.equal(intlLocaleOf('fr-CH'), 'fr-CH');
  t.equal(intlLocaleOf('en-US'), 'en-US');
  t.equal(intlLocaleOf('zh-Hant-TW'), 'zh-Hans-TW');
  t.equal(intlLocaleOf('zh-TW'), 'zh-Hans-TW');
  t.equal(intlLocaleOf('zh-CN'), 'zh-CN');
  t.equal(intlLocaleOf('de-CH'), 'en-GB');
  t.equal(intlLocaleOf('x'), 'en-GB');
  t.equal(htmlLangOf('zh'), 'zh-Hans');
  t.equal(htmlLangOf('ar'), 'ar');
});
