/**
 * Lexer for Go `text/template` with the default `{{` `}}` delimiters, written from the language
 * description: trim markers (`{{- ` and ` -}}`), comments that must close right before the
 * delimiter, spaces (newlines allowed inside actions), strings, raw strings, char constants,
 * numbers, fields, variables, identifiers and keywords, parentheses, `=`, `:=`, `|` and `,`.
 * A lexical error ends the token stream with an `error` token.
 */
import type { Code } from '../codes';

export type TokKind =
  | 'text'
  | 'left'
  | 'right'
  | 'comment'
  | 'space'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'dot'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'keyword'
  | 'bool'
  | 'nil'
  | 'string'
  | 'rawstring'
  | 'char'
  | 'number'
  | 'assign'
  | 'declare'
  | 'charitem'
  | 'eof'
  | 'error';

export interface Tok {
  kind: TokKind;
  from: number;
  to: number;
  text: string;
  /** A `}` that ends an action written with one brace (`{{ .X }` before the next `{{`). */
  closes?: true;
  /** For `error` tokens: problem code and message args. */
  code?: Code;
  args?: Record<string, string | number>;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const MAX_TOKENS = 500_000;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}
function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);
}

export function lexGoTemplate(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const push = (kind: TokKind, from: number, to: number): void => {
    toks.push({ kind, from, to, text: text.slice(from, to) });
  };
  const fail = (code: Code, from: number, to: number, args: Record<string, string | number> = {}): Tok[] => {
    toks.push({ kind: 'error', from, to: Math.max(to, from), text: text.slice(from, to), code, args });
    return toks;
  };
  while (i < text.length) {
    if (toks.length > MAX_TOKENS) return fail('template.too-complex', i, text.length, { detail: 'too many tokens' });
    const open = text.indexOf('{{', i);
    if (open < 0) {
      push('text', i, text.length);
      break;
    }
    if (open > i) push('text', i, open);
    const leftFrom = open;
    let j = open + 2;
    if (text[j] === '-' && isSpace(text[j + 1])) j += 2;
    push('left', leftFrom, j);
    // Comment
    if (text.startsWith('/*', j)) {
      const close = text.indexOf('*/', j + 2);
      if (close < 0) return fail('template.unclosed-comment', leftFrom, j + 2);
      let k = close + 2;
      const rightFrom = k;
      if (isSpace(text[k]) && text.startsWith('-}}', k + 1)) k += 4;
      else if (text.startsWith('}}', k)) k += 2;
      else {
        let e = k;
        while (e < text.length && isSpace(text[e])) e++;
        return fail('template.comment-before-delimiter', close, Math.max(close + 2, Math.min(text.length, e + 1)));
      }
      push('comment', j, rightFrom);
      push('right', rightFrom, k);
      i = k;
      continue;
    }
    // Inside action
    const parens: number[] = [];
    i = j;
    for (;;) {
      if (toks.length > MAX_TOKENS) return fail('template.too-complex', i, text.length, { detail: 'too many tokens' });
      // Right delimiter (with optional trim marker)?
      const trimRight = isSpace(text[i]) && text.startsWith('-}}', i + 1);
      if (trimRight || text.startsWith('}}', i)) {
        if (parens.length > 0) {
          const p = parens[parens.length - 1] as number;
          return fail('template.unclosed-paren', p, p + 1);
        }
        const end = trimRight ? i + 4 : i + 2;
        push('right', i, end);
        i = end;
        break;
      }
      if (i >= text.length) return fail('template.unclosed-action', leftFrom, Math.min(text.length, j));
      const c = text[i] as string;
      const start = i;
      if (isSpace(c)) {
        while (i < text.length && isSpace(text[i]) && !(text.startsWith('-}}', i + 1) && isSpace(text[i]))) i++;
        if (i === start) i++;
        push('space', start, i);
      } else if (c === '=') {
        push('assign', i, ++i);
      } else if (c === ':') {
        if (text[i + 1] !== '=')
          return fail('template.bad-character', i, i + 1, { char: ':', hint: " (did you mean ':='?)" });
        i += 2;
        push('declare', start, i);
      } else if (c === '|') {
        push('pipe', i, ++i);
      } else if (c === '"' || c === '`' || c === "'") {
        let k = i + 1;
        let ok = false;
        while (k < text.length) {
          const d = text[k];
          if (d === c) {
            ok = true;
            break;
          }
          if (c !== '`' && d === '\\' && k + 1 < text.length && text[k + 1] !== '\n') k++;
          else if (c !== '`' && d === '\n') break;
          k++;
        }
        if (!ok) {
          const code =
            c === '"'
              ? 'template.unterminated-string'
              : c === '`'
                ? 'template.unterminated-raw-string'
                : 'template.unterminated-char';
          return fail(code, i, k);
        }
        i = k + 1;
        push(c === '"' ? 'string' : c === '`' ? 'rawstring' : 'char', start, i);
      } else if (c === '$' || (c === '.' && !/[0-9]/.test(text[i + 1] ?? ''))) {
        i++;
        while (i < text.length && isAlnum(text[i])) i++;
        push(c === '$' ? 'variable' : i - start === 1 ? 'dot' : 'field', start, i);
        if (!atTerminator(text, i)) return fail('template.bad-character', i, i + 1, { char: text[i] ?? '', hint: '' });
      } else if (c === '.' || c === '+' || c === '-' || /[0-9]/.test(c)) {
        const m =
          /^[+-]?(?:0[xX][0-9a-fA-F_]*(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?[0-9_]+)?|0[oO][0-7_]+|0[bB][01_]+|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)i?/.exec(
            text.slice(i, i + 200),
          );
        const len = m ? m[0].length : 0;
        if (len === 0 || !/[0-9]/.test(m?.[0] ?? ''))
          return fail('template.bad-number', i, i + Math.max(1, len), { number: text.slice(i, i + Math.max(1, len)) });
        i += len;
        if (isAlnum(text[i]) || text[i] === '.') {
          let e = i;
          while (e < text.length && (isAlnum(text[e]) || text[e] === '.')) e++;
          return fail('template.bad-number', start, e, { number: text.slice(start, e) });
        }
        push('number', start, i);
      } else if (isAlnum(c)) {
        while (i < text.length && isAlnum(text[i])) i++;
        const word = text.slice(start, i);
        push(
          KEYWORDS.has(word)
            ? 'keyword'
            : word === 'true' || word === 'false'
              ? 'bool'
              : word === 'nil'
                ? 'nil'
                : 'identifier',
          start,
          i,
        );
        if (!atTerminator(text, i)) return fail('template.bad-character', i, i + 1, { char: text[i] ?? '', hint: '' });
      } else if (c === '(') {
        parens.push(i);
        push('lparen', i, ++i);
      } else if (c === ')') {
        if (parens.length === 0) return fail('template.unexpected-paren', i, i + 1);
        parens.pop();
        push('rparen', i, ++i);
      } else if (c === '}' && !text.includes('}}', i + 1) && !text.includes('{{', i + 1)) {
        // `{{ .X }` and nothing after that closes it: one problem, the unclosed action.
        return fail('template.unclosed-action', leftFrom, Math.min(text.length, j));
      } else if (c === '}' && closesAction(text, i)) {
        // `{{ .X }` and then text or another action: the action ends here, so the next one is
        // read as written (one problem for the mistake, none for what follows).
        push('charitem', i, ++i);
        (toks[toks.length - 1] as Tok).closes = true;
        push('right', i, i);
        break;
      } else if (c.charCodeAt(0) < 128 && c.charCodeAt(0) >= 32) {
        push('charitem', i, ++i);
      } else {
        const cp = text.codePointAt(i) ?? 0;
        return fail('template.bad-character', i, i + (cp > 0xffff ? 2 : 1), {
          char: String.fromCodePoint(cp),
          hint: '',
        });
      }
    }
  }
  toks.push({ kind: 'eof', from: text.length, to: text.length, text: '' });
  return toks;
}

/**
 * A single `}` at `i` is the intended end of its action: another action follows, and no `}}`
 * comes before it. (With no action after it, the action is reported unclosed, with its fixes.)
 */
function closesAction(text: string, i: number): boolean {
  const left = text.indexOf('{{', i + 1);
  if (left < 0) return false;
  const right = text.indexOf('}}', i + 1);
  return right < 0 || left < right;
}

function atTerminator(text: string, i: number): boolean {
  const c = text[i];
  if (c === undefined || isSpace(c)) return true;
  if ('.,|:()'.includes(c)) return true;
  return text.startsWith('}}', i);
}
