/**
 * ICU MessageFormat arguments of a message (`{name}`, `{count, plural, …}`), read with
 * @formatjs/icu-messageformat-parser. Arguments nested in plural/select branches and tags count.
 */

// The parser ships as an ES module only; Node 20 and the bundler both load it through require.
declare const require: (id: string) => unknown;

interface IcuElement {
  type: number;
  value?: string;
  options?: Record<string, { value: IcuElement[] }>;
  children?: IcuElement[];
  pluralType?: 'cardinal' | 'ordinal';
}
type IcuParse = (message: string, options?: Record<string, unknown>) => IcuElement[];

let parser: IcuParse | null | undefined;
function getParser(): IcuParse | undefined {
  if (parser === undefined) {
    try {
      parser = (require('@formatjs/icu-messageformat-parser') as { parse: IcuParse }).parse;
    } catch {
      parser = null;
    }
  }
  return parser ?? undefined;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'argument',
  2: 'number',
  3: 'date',
  4: 'time',
  5: 'select',
  6: 'plural',
};

/** Argument name → type, or undefined when the message does not parse (syntax is checked elsewhere). */
export function icuArguments(message: string): Record<string, string> | undefined {
  if (!message.includes('{')) return {};
  const parse = getParser();
  if (!parse || message.length > 20_000) return undefined;
  try {
    const out: Record<string, string> = {};
    collect(parse(message, { ignoreTag: false, requiresOtherClause: false }), out, 0);
    return out;
  } catch {
    return undefined;
  }
}

function collect(elements: IcuElement[], out: Record<string, string>, depth: number): void {
  if (depth > 32) return;
  for (const el of elements) {
    const name = TYPE_NAMES[el.type];
    if (name && typeof el.value === 'string') {
      const type = el.type === 6 && el.pluralType === 'ordinal' ? 'selectordinal' : name;
      if (!(el.value in out) || out[el.value] === 'argument') out[el.value] = type;
    }
    if (el.options) for (const opt of Object.values(el.options)) collect(opt.value ?? [], out, depth + 1);
    if (el.children) collect(el.children, out, depth + 1);
  }
}
