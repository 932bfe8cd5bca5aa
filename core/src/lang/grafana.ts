/**
 * Grafana template variables in dashboard PromQL targets: `$__rate_interval`, `$__interval`,
 * `$__range`, `$var`, `${var}`, `${var:fmt}`, `[[var]]`. They are replaced by same-length text that
 * PromQL accepts in that position, so offsets in the substituted text equal offsets in the original.
 */
import { NamedSpan } from './types';

export interface GrafanaSubstitution {
  /** The expression with every macro replaced (same length as the input). */
  text: string;
  /** Offset in the substituted text → offset in the original (identity, kept for API clarity). */
  map: (offset: number) => number;
  /** The macros found, with their names (e.g. "__rate_interval", "job"). */
  macros: NamedSpan[];
}

const MACRO = /\$\{([^{}\s]{1,200})\}|\[\[([A-Za-z0-9_.:]{1,200})\]\]|\$([A-Za-z_][A-Za-z0-9_]{0,200})/g;

/** Same-length duration text, e.g. 16 chars → "00000000000001m" padded to 16. */
function durationOfLength(len: number): string {
  return len >= 2 ? '0'.repeat(len - 2) + '1m' : 'x'.repeat(len);
}

function identOfLength(len: number): string {
  return 'x' + '_'.repeat(Math.max(0, len - 1));
}

/** Substitute Grafana macros; never throws (returns the input unchanged on failure). */
export function substituteGrafanaMacros(expr: string): GrafanaSubstitution {
  const identity = (o: number) => o;
  try {
    if (typeof expr !== 'string' || !/[$[]/.test(expr))
      return { text: typeof expr === 'string' ? expr : '', map: identity, macros: [] };
    // Lexical context of every offset: inside a string, inside [...] (duration), after `offset`/`@`.
    const out: string[] = [];
    const macros: NamedSpan[] = [];
    let quote = '';
    let bracketDepth = 0;
    let last = 0;
    MACRO.lastIndex = 0;
    let m: RegExpExecArray | null;
    let scan = 0;
    const advance = (to: number) => {
      for (; scan < to; scan++) {
        const c = expr[scan];
        if (quote) {
          if (c === '\\' && quote !== '`') scan++;
          else if (c === quote) quote = '';
        } else if (c === '"' || c === "'" || c === '`') quote = c;
        else if (c === '[') bracketDepth++;
        else if (c === ']') bracketDepth = Math.max(0, bracketDepth - 1);
      }
    };
    let guard = 0;
    while ((m = MACRO.exec(expr)) !== null && guard++ < 100000) {
      advance(m.index);
      if (scan > m.index) continue; // inside an escape sequence
      const name = m[1] ?? m[2] ?? m[3] ?? '';
      const len = m[0].length;
      const before = expr.slice(Math.max(0, m.index - 12), m.index);
      let repl: string;
      if (quote) repl = 'x'.repeat(len);
      else if (bracketDepth > 0 || /\boffset\s+-?$/i.test(before)) repl = durationOfLength(len);
      else repl = identOfLength(len);
      out.push(expr.slice(last, m.index), repl);
      macros.push({ name: name.split(':')[0] ?? name, from: m.index, to: m.index + len });
      last = m.index + len;
      advance(last);
    }
    out.push(expr.slice(last));
    return { text: out.join(''), map: identity, macros };
  } catch {
    return { text: typeof expr === 'string' ? expr : '', map: identity, macros: [] };
  }
}
