import t from 'tap';
import { acceptedLanguageTags } from '../src/accept-language.ts';

t.test('Accept-Language tags come most wanted first, ties in header order', async (t) => {
  t.same(acceptedLanguageTags('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.9'), ['fr-CH', 'fr', 'de', 'en']);
  t.same(acceptedLanguageTags(' es ;q=0.5 ,ar'), ['ar', 'es'], 'spaces around tags and parameters');
});

t.test('what the header refuses or does not name is left out', async (t) => {
  t.same(acceptedLanguageTags('*, en;q=0, fr;q=abc, ru'), ['ru'], '`*`, q=0 and an unreadable q');
  t.same(acceptedLanguageTags(undefined), []);
  t.same(acceptedLanguageTags(' , ;q=1'), []);
});

t.test('a header of thousands of tags is weighed on its first twenty', async (t) => {
  const tags = Array.from({ length: 5000 }, (_, index) => `x-${index}`);
  t.same(acceptedLanguageTags(tags.join(',')), tags.slice(0, 20));
});
