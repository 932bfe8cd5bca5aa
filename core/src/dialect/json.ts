import type { Dialect, SnippetWriter } from './dialect';
import type { ValueIntent } from './intent';

function placeholderText(v: Extract<ValueIntent, { kind: 'placeholder' }>, w: SnippetWriter): string {
  if (v.choices && v.choices.length) {
    if (v.choices.every((c) => typeof c === 'string')) return `"${w.choice(v.choices.map(String))}"`;
    return w.choice(v.choices.map((c) => JSON.stringify(c)));
  }
  if (v.type === 'number') return w.placeholder(v.hint ?? '0');
  if (v.type === 'boolean') return w.choice(['true', 'false']);
  if (v.type === 'string' || v.type === 'any') return `"${v.hint ? w.placeholder(v.hint) : w.cursor()}"`;
  return w.cursor();
}

export const jsonDialect: Dialect = {
  name: 'json',
  key(key) {
    return JSON.stringify(key);
  },
  scalar(value) {
    return JSON.stringify(value);
  },
  property(key, value, indent, unit, w) {
    return `${w.literal(this.key(key))}: ${this.value(value, indent, unit, w)}`;
  },
  value(value, indent, unit, w) {
    switch (value.kind) {
      case 'scalar': {
        const text = JSON.stringify(value.value);
        if (!w.snippets) return text;
        return typeof value.value === 'string' ? `"${w.placeholder(value.value)}"` : w.placeholder(text);
      }
      case 'placeholder':
        return placeholderText(value, w);
      case 'object':
        if (!value.entries.length) return `{${w.cursor()}}`;
        return (
          '{\n' +
          value.entries.map((e) => indent + unit + this.property(e.key, e.value, indent + unit, unit, w)).join(',\n') +
          '\n' +
          indent +
          '}'
        );
      case 'array':
        if (!value.items.length) return `[${w.cursor()}]`;
        return (
          '[\n' +
          value.items.map((item) => indent + unit + this.value(item, indent + unit, unit, w)).join(',\n') +
          '\n' +
          indent +
          ']'
        );
    }
  },
};
