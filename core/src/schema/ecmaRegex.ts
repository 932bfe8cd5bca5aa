/**
 * JSON Schema patterns are ECMAScript regular expressions (with the `u` flag); RE2 spells a few
 * things differently. This rewrites those spellings so RE2 runs the pattern with ECMAScript's
 * meaning: `\uXXXX` and `\u{…}` escapes, `\cX`, `.` (not a line terminator), `\s`/`\S`
 * (ECMAScript's white space and line terminators), `[^]` and `[]`, and long Unicode property
 * names (`\p{Letter}`, `\p{Script=Greek}`). Look-around and back-references are left as they
 * are: RE2 rejects them and the pattern is reported as not enforced.
 */

const WHITE_SPACE =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const NOT_LINE_TERMINATOR = '[^\\n\\r\\x{2028}\\x{2029}]';

const CATEGORIES: Record<string, string> = {
  Letter: 'L',
  Cased_Letter: 'LC',
  Uppercase_Letter: 'Lu',
  Lowercase_Letter: 'Ll',
  Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Mark: 'M',
  Combining_Mark: 'M',
  Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Number: 'N',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Punctuation: 'P',
  punct: 'P',
  Connector_Punctuation: 'Pc',
  Dash_Punctuation: 'Pd',
  Open_Punctuation: 'Ps',
  Close_Punctuation: 'Pe',
  Initial_Punctuation: 'Pi',
  Final_Punctuation: 'Pf',
  Other_Punctuation: 'Po',
  Symbol: 'S',
  Math_Symbol: 'Sm',
  Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk',
  Other_Symbol: 'So',
  Separator: 'Z',
  Space_Separator: 'Zs',
  Line_Separator: 'Zl',
  Paragraph_Separator: 'Zp',
  Other: 'C',
  Control: 'Cc',
  cntrl: 'Cc',
  Format: 'Cf',
  Unassigned: 'Cn',
  Private_Use: 'Co',
  Surrogate: 'Cs',
};

const hex = (n: number): string => `\\x{${n.toString(16).toUpperCase()}}`;

/** The property name RE2 knows for an ECMAScript `\p{…}` body, or undefined. */
function property(body: string): string | undefined {
  const eq = body.indexOf('=');
  if (eq >= 0) {
    const name = body.slice(0, eq);
    const value = body.slice(eq + 1);
    if (name === 'General_Category' || name === 'gc') return CATEGORIES[value] ?? value;
    if (name === 'Script' || name === 'sc') return value;
    return undefined;
  }
  if (body === 'Any') return undefined;
  return CATEGORIES[body] ?? body;
}

/** The pattern in RE2 syntax, or undefined when a construct has no RE2 spelling. */
export function toRe2Syntax(pattern: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return undefined;
      if (n === 'u') {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(i + 2));
        if (braced) {
          out += hex(parseInt(braced[1], 16));
          i += 2 + braced[0].length - 1;
          continue;
        }
        const four = /^[0-9a-fA-F]{4}/.exec(pattern.slice(i + 2));
        if (!four) return undefined;
        let code = parseInt(four[0], 16);
        i += 5;
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(pattern.slice(i + 1));
        if (code >= 0xd800 && code <= 0xdbff && low) {
          code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00);
          i += 6;
        }
        out += hex(code);
        continue;
      }
      if (n === 'c') {
        const letter = pattern[i + 2];
        if (!letter || !/[a-zA-Z]/.test(letter)) return undefined;
        out += hex(letter.charCodeAt(0) % 32);
        i += 2;
        continue;
      }
      if (n === 'p' || n === 'P') {
        const m = /^\{([A-Za-z_=]+)\}/.exec(pattern.slice(i + 2));
        if (!m) return undefined;
        const name = property(m[1]);
        if (!name) return undefined;
        out += `\\${n}{${name}}`;
        i += 1 + m[0].length;
        continue;
      }
      if (n === 's' && !inClass) out += `[${WHITE_SPACE}]`;
      else if (n === 's') out += WHITE_SPACE;
      else if (n === 'S' && !inClass) out += `[^${WHITE_SPACE}]`;
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      if (pattern.startsWith('[^]', i)) {
        out += '[\\x{0}-\\x{10FFFF}]';
        i += 2;
        continue;
      }
      if (pattern.startsWith('[]', i)) {
        out += '[^\\x{0}-\\x{10FFFF}]';
        i += 1;
        continue;
      }
      inClass = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal in RE2 but ends an empty class in ECMAScript (handled above).
      continue;
    }
    if (c === '.') {
      out += NOT_LINE_TERMINATOR;
      continue;
    }
    out += c;
  }
  return out;
}
