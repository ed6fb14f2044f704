/**
 * A small ICU MessageFormat subset, enough for short notices and checkable by tests:
 * `{name}` inserts a value; `{count, plural, =0 {…} one {…} other {…}}` picks a branch by exact
 * value first, then by the `Intl.PluralRules` category, then `other`; `#` inside a branch is the
 * count formatted by `Intl.NumberFormat`. Apostrophes are plain text (no ICU quoting): texts use
 * typographic ’ anyway, and braces never appear in messages.
 */

export type MessageNode =
  | Readonly<{ type: 'text'; text: string }>
  | Readonly<{ type: 'argument'; name: string }>
  | Readonly<{ type: 'plural'; name: string; branches: ReadonlyMap<string, readonly MessageNode[]> }>
  | Readonly<{ type: 'count' }>;

/** A message that does not parse: a catalogue bug, caught by the catalogue tests. */
export class MessageSyntaxError extends Error {
  override readonly name = 'MessageSyntaxError';
  readonly code = 'message-syntax';
  constructor(message: string, position: number, reason: string) {
    super(`${reason} at ${position} in ${JSON.stringify(message)}`);
  }
}

const cache = new Map<string, readonly MessageNode[]>();

/**
 * Parses a message (memoised: catalogues are a few hundred fixed strings).
 *
 * @example
 * parseMessage('{n, plural, one {# day} other {# days}}')[0].type //=> 'plural'
 */
export const parseMessage = (message: string): readonly MessageNode[] => {
  const cached = cache.get(message);
  if (cached !== undefined) return cached;
  const parser = new Parser(message);
  const nodes = parser.nodes(false);
  if (parser.position < message.length) throw new MessageSyntaxError(message, parser.position, 'unbalanced }');
  cache.set(message, nodes);
  return nodes;
};

class Parser {
  position = 0;
  constructor(private readonly message: string) {}

  /** Nodes until the end of the message or an unmatched `}`. */
  nodes(inPlural: boolean): MessageNode[] {
    const nodes: MessageNode[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') nodes.push({ type: 'text', text });
      text = '';
    };
    while (this.position < this.message.length) {
      const char = this.message[this.position]!;
      if (char === '}') break;
      if (char === '{') {
        flush();
        nodes.push(this.placeholder());
      } else if (char === '#' && inPlural) {
        flush();
        nodes.push({ type: 'count' });
        this.position += 1;
      } else {
        text += char;
        this.position += 1;
      }
    }
    flush();
    return nodes;
  }

  private placeholder(): MessageNode {
    this.position += 1; // {
    const name = this.word();
    this.spaces();
    if (this.take('}')) return { type: 'argument', name };
    if (!this.take(',')) this.fail('expected , or }');
    this.spaces();
    if (this.word() !== 'plural') this.fail('only plural arguments are supported');
    this.spaces();
    if (!this.take(',')) this.fail('expected ,');
    const branches = new Map<string, readonly MessageNode[]>();
    for (;;) {
      this.spaces();
      if (this.take('}')) break;
      const selector = this.word();
      if (selector === '' || branches.has(selector)) this.fail(`bad or repeated selector ${JSON.stringify(selector)}`);
      this.spaces();
      if (!this.take('{')) this.fail('expected { after a plural selector');
      branches.set(selector, this.nodes(true));
      if (!this.take('}')) this.fail('unclosed plural branch');
    }
    if (!branches.has('other')) this.fail('a plural needs an other branch');
    return { type: 'plural', name, branches };
  }

  private word(): string {
    const match = /^[=\w.-]*/.exec(this.message.slice(this.position))![0];
    this.position += match.length;
    return match;
  }

  private spaces(): void {
    while (/\s/.test(this.message[this.position] ?? '')) this.position += 1;
  }

  private take(char: string): boolean {
    if (this.message[this.position] !== char) return false;
    this.position += 1;
    return true;
  }

  private fail(reason: string): never {
    throw new MessageSyntaxError(this.message, this.position, reason);
  }
}

/** How values are turned into text: the caller decides isolation and number formatting. */
export interface MessageFormatter {
  /** text of a `{name}` value */
  readonly insert: (name: string) => string;
  /** the number a plural argument counts */
  readonly count: (name: string) => number;
  readonly pluralRules: Intl.PluralRules;
  readonly numberFormat: Intl.NumberFormat;
}

/**
 * Formats parsed nodes.
 *
 * @example
 * formatNodes(parseMessage('{n, plural, one {# day} other {# days}}'), formatter) //=> '2 days'
 */
export const formatNodes = (nodes: readonly MessageNode[], formatter: MessageFormatter, count?: number): string => {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'argument':
        out += formatter.insert(node.name);
        break;
      case 'count':
        out += formatter.numberFormat.format(count ?? 0);
        break;
      case 'plural': {
        const value = formatter.count(node.name);
        const branch =
          node.branches.get(`=${value}`) ?? node.branches.get(formatter.pluralRules.select(value)) ?? node.branches.get('other')!;
        out += formatNodes(branch, formatter, value);
        break;
      }
    }
  }
  return out;
};

/**
 * The argument names a message uses, plural arguments included.
 *
 * @example
 * argumentNames('{title} starts {when}') //=> ['title', 'when']
 */
export const argumentNames = (message: string): string[] => {
  const names = new Set<string>();
  const walk = (nodes: readonly MessageNode[]) => {
    for (const node of nodes) {
      if (node.type === 'argument') names.add(node.name);
      if (node.type === 'plural') {
        names.add(node.name);
        for (const branch of node.branches.values()) walk(branch);
      }
    }
  };
  walk(parseMessage(message));
  return [...names];
};

/**
 * The selectors of each plural argument in a message.
 *
 * @example
 * pluralSelectors('{n, plural, one {# day} other {# days}}') //=> { n: ['one', 'other'] }
 */
export const pluralSelectors = (message: string): Record<string, string[]> => {
  const selectors: Record<string, string[]> = {};
  const walk = (nodes: readonly MessageNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'plural') continue;
      selectors[node.name] = [...(selectors[node.name] ?? []), ...node.branches.keys()];
      for (const branch of node.branches.values()) walk(branch);
    }
  };
  walk(parseMessage(message));
  return selectors;
};
