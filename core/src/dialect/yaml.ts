import type { Dialect } from './dialect';
import { SnippetWriter } from './dialect';
import type { ValueIntent } from './intent';

const NEEDS_QUOTES = /^(?:$|[\s\-?:,[\]{}#&*!|>'"%@`]|.*(?::\s|\s#|\s$|:$))|^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const LOOKS_NUMERIC = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/** A YAML scalar for a string, quoted when plain style would read it differently. */
export function yamlString(s: string): string {
  if (NEEDS_QUOTES.test(s) || LOOKS_NUMERIC.test(s) || /[\n\t]/.test(s) || /^0\d+$/.test(s)) return JSON.stringify(s);
  return s;
}

function placeholderText(v: Extract<ValueIntent, { kind: 'placeholder' }>, w: SnippetWriter): string {
  if (v.choices && v.choices.length)
    return w.choice(v.choices.map((c) => (typeof c === 'string' ? yamlString(c) : String(c))));
  if (v.type === 'number') return w.placeholder(v.hint ?? '0');
  if (v.hint) return w.placeholder(yamlString(v.hint));
  return w.snippets ? w.cursor() : '';
}

export const yamlDialect: Dialect = {
  name: 'yaml',
  key(key) {
    return /^[A-Za-z_$][\w.$/-]*$/.test(key) && !NEEDS_QUOTES.test(key) ? key : JSON.stringify(key);
  },
  scalar(value) {
    if (value === null) return 'null';
    if (typeof value === 'string') return yamlString(value);
    return String(value);
  },
  property(key, value, indent, unit, w) {
    const k = this.key(key);
    if (value.kind === 'object' && value.entries.length) {
      return (
        `${w.literal(k)}:\n` +
        value.entries.map((e) => indent + unit + this.property(e.key, e.value, indent + unit, unit, w)).join('\n')
      );
    }
    if (value.kind === 'array' && value.items.length) {
      return (
        `${w.literal(k)}:\n` +
        value.items.map((item) => `${indent}${unit}- ${this.value(item, indent + unit + '  ', unit, w)}`).join('\n')
      );
    }
    if (value.kind === 'object') return `${w.literal(k)}:\n${indent}${unit}${w.cursor()}`;
    if (value.kind === 'array') return `${w.literal(k)}:\n${indent}${unit}- ${w.cursor()}`;
    return `${w.literal(k)}: ${this.value(value, indent, unit, w)}`;
  },
  value(value, indent, unit, w) {
    switch (value.kind) {
      case 'scalar':
        return w.snippets ? w.placeholder(this.scalar(value.value)) : this.scalar(value.value);
      case 'placeholder':
        return placeholderText(value, w);
      case 'object':
        if (!value.entries.length) return '{}';
        return value.entries
          .map((e, i) => (i === 0 ? '' : indent) + this.property(e.key, e.value, indent, unit, w))
          .join('\n');
      case 'array':
        if (!value.items.length) return '[]';
        return value.items
          .map((item, i) => (i === 0 ? '' : indent) + '- ' + this.value(item, indent + '  ', unit, w))
          .join('\n');
    }
  },
};

export { SnippetWriter };
