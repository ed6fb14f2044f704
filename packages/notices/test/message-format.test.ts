import t from 'tap';
import { argumentNames, parseMessage, pluralSelectors, type Catalogue } from '../src/index.ts';

t.test('a message names its placeholders, plural arguments included', async (t) => {
  t.same(argumentNames('{title} starts {when} — {time}'), ['title', 'when', 'time']);
  t.same(argumentNames('{count, plural, one {# item of {list}} other {# items}}'), ['count', 'list']);
  t.same(pluralSelectors('{count, plural, =0 {none} one {#} other {#}}'), { count: ['=0', 'one', 'other'] });
});

t.test('a broken message is refused with its position', async (t) => {
  t.throws(() => parseMessage('{title'), { name: 'MessageSyntaxError', message: 'expected , or } at 6 in "{title"' });
  t.throws(() => parseMessage('text }'), { code: 'message-syntax' });
  t.throws(() => parseMessage('{n, plural, one {# day}}'), /a plural needs an other branch/);
  t.throws(() => parseMessage('{n, select, a {x} other {y}}'), /only plural arguments/);
  t.throws(() => parseMessage('{n, plural, one {a} one {b} other {c}}'), /repeated selector/);
});

t.test('a catalogue without every key does not compile', async (t) => {
  // @ts-expect-error: the Catalogue type wants every key of English
  const incomplete: Catalogue = { 'time.meeting': '{time} {zone}' };
  t.ok(incomplete);
});
