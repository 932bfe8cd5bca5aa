import type { ValueIntent } from './intent';

/** Numbers snippet tab stops in order; escapes literal text for snippet syntax. */
export class SnippetWriter {
  private stop = 1;
  constructor(readonly snippets: boolean) {}

  literal(text: string): string {
    return this.snippets ? text.replace(/[$}\\]/g, '\\$&') : text;
  }

  placeholder(text: string): string {
    if (!this.snippets) return text;
    return `\${${this.stop++}:${text.replace(/[$}\\]/g, '\\$&')}}`;
  }

  choice(options: string[]): string {
    if (!this.snippets) return options[0] ?? '';
    return `\${${this.stop++}|${options.map((o) => o.replace(/[,|$}\\]/g, '\\$&')).join(',')}|}`;
  }

  cursor(): string {
    return this.snippets ? `\${${this.stop++}}` : '';
  }
}

/** How YAML and JSON write keys and values; everything above this is format-neutral. */
export interface Dialect {
  readonly name: 'yaml' | 'json';
  /** The text of a key (quoted where the format needs it). */
  key(key: string): string;
  /** A scalar literal. */
  scalar(value: string | number | boolean | null): string;
  /**
   * A property `key: value` to insert at a key position with the given indentation (the column of
   * keys in this mapping, and the indentation unit). Multi-line values continue at deeper indents.
   */
  property(key: string, value: ValueIntent, indent: string, unit: string, w: SnippetWriter): string;
  /** A value alone (after `key: ` or `- `). */
  value(value: ValueIntent, indent: string, unit: string, w: SnippetWriter): string;
}
