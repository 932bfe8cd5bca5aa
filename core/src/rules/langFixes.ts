/**
 * Quick fixes for the problems of the language checkers (core/src/lang), where the fix is evident
 * from the problem and the checked text: a repaired duration, the canonical spelling of a time
 * zone, locale or currency, a CIDR block's network address, a closing bracket or `}}`, the
 * closest function name. Offsets are decoded offsets in the checked value; `reportLang`
 * (util.ts) turns them into `data.fixes` descriptors at the value's path. The checkers stay pure.
 */
import { repairDuration } from '../lang/duration';
import { ALERTMANAGER_FUNCS, GO_BUILTINS, PREDECLARED, PROMETHEUS_FUNCS } from '../lang/goTemplateData';
import { parseGoTemplate } from '../lang/goTemplate';
import type { LangProblem } from '../lang/types';
import type { FixTitleId } from '../fixes';
import { closest } from '../util/strings';

/** A replacement of decoded characters `from`–`to` of the checked value. */
export interface TextFix {
  from: number;
  to: number;
  text: string;
  title: FixTitleId;
  args: Record<string, string | number>;
  safe?: boolean;
}

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

const whole = (value: string, text: string, safe: boolean): TextFix => ({
  from: 0,
  to: value.length,
  text,
  title: 'fix.change-to',
  args: { value: text },
  safe,
});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The end of `value` without trailing blanks (a block scalar's last line break stays after the fix). */
function trimmedEnd(value: string, from = value.length): number {
  let end = from;
  while (end > 0 && /\s/.test(value[end - 1])) end--;
  return end;
}

/** Fixes for one checker problem in `value`; none where the fix is not evident. Never throws. */
export function langFixes(p: LangProblem, value: string): TextFix[] {
  try {
    return fixesOf(p, value).filter(
      (f) => f.from >= 0 && f.to >= f.from && f.to <= value.length && value.slice(f.from, f.to) + '' !== f.text,
    );
  } catch {
    return [];
  }
}

function fixesOf(p: LangProblem, value: string): TextFix[] {
  const a = p.args ?? {};
  const suggestion = str(a.suggestion);
  switch (p.code) {
    case 'duration.fraction':
    case 'duration.unit-order':
    case 'duration.duplicate-unit':
    case 'duration.unknown-unit':
    case 'duration.invalid': {
      if (p.code === 'duration.invalid' && !/\s/.test(value)) return [];
      const r = repairDuration(value);
      return r && r.text !== value ? [whole(value, r.text, r.certain)] : [];
    }
    case 'promql.bad-duration': {
      const token = str(a.duration);
      const r = token && value.slice(p.from, p.to) === token ? repairDuration(token) : undefined;
      return r
        ? [{ from: p.from, to: p.to, text: r.text, title: 'fix.replace-text', args: { from: token, to: r.text } }]
        : [];
    }
    case 'cron.unknown-macro': {
      const macro = value.slice(p.from, p.to);
      const best = closest(macro.toLowerCase(), MACROS, 1)[0];
      return best ? [{ from: p.from, to: p.to, text: best, title: 'fix.change-to', args: { value: best } }] : [];
    }
    case 'intl.timezone-whitespace':
      return [whole(value, value.trim(), true)];
    case 'intl.unknown-timezone':
      return suggestion ? [whole(value, suggestion, false)] : [];
    case 'intl.timezone-case':
    case 'intl.locale-not-canonical':
    case 'intl.currency-case':
    case 'intl.invalid-locale':
      return suggestion ? [whole(value, suggestion, true)] : [];
    case 'cidr.host-bits': {
      const out = suggestion ? [whole(value, suggestion, false)] : [];
      if (typeof a.address === 'string' && a.address) out.push(whole(value, a.address, false));
      return out;
    }
    case 'cidr.missing-prefix':
      return suggestion ? [whole(value, suggestion, false)] : [];
    case 'matcher.classic-only':
      return typeof a.replacement === 'string' && a.replacement ? [whole(value, a.replacement, true)] : [];
    case 'matcher.unterminated-string': {
      const end = trimmedEnd(value);
      return [{ from: end, to: end, text: '"', title: 'fix.insert-text', args: { text: '"' } }];
    }
    case 'matcher.unbalanced-braces': {
      const c = value.slice(p.from, p.to);
      if (c === '{') {
        const end = trimmedEnd(value);
        return [{ from: end, to: end, text: '}', title: 'fix.insert-text', args: { text: '}' } }];
      }
      if (c === '}') {
        const start = value.length - value.trimStart().length;
        return [{ from: start, to: start, text: '{', title: 'fix.insert-text', args: { text: '{' } }];
      }
      return [];
    }
    case 'promql.unclosed': {
      const close = str(a.close);
      return close ? [{ from: p.to, to: p.to, text: close, title: 'fix.insert-text', args: { text: close } }] : [];
    }
    case 'promql.unexpected-closer':
    case 'template.unexpected-paren': {
      const c = value.slice(p.from, p.to);
      return c.length === 1 ? [{ from: p.from, to: p.to, text: '', title: 'fix.remove-text', args: { text: c } }] : [];
    }
    case 'promql.mismatched-bracket': {
      const found = str(a.found);
      const expected = str(a.expected);
      return found && expected && value.slice(p.from, p.to) === found
        ? [{ from: p.from, to: p.to, text: expected, title: 'fix.replace-text', args: { from: found, to: expected } }]
        : [];
    }
    case 'promql.unknown-function': {
      const name = str(a.name);
      return name && suggestion && value.slice(p.from, p.to) === name
        ? [
            {
              from: p.from,
              to: p.to,
              text: suggestion,
              title: 'fix.replace-text',
              args: { from: name, to: suggestion },
            },
          ]
        : [];
    }
    case 'promql.expected-label-value': {
      const token = value.slice(p.from, p.to);
      return /^[A-Za-z0-9_.:-]+$/.test(token)
        ? [
            {
              from: p.from,
              to: p.to,
              text: `"${token}"`,
              title: 'fix.replace-text',
              args: { from: token, to: `"${token}"` },
            },
          ]
        : [];
    }
    case 'template.undefined-function': {
      const name = str(a.name);
      const funcs = [...GO_BUILTINS, ...(a.dialect === 'Prometheus' ? PROMETHEUS_FUNCS : ALERTMANAGER_FUNCS)];
      // Short names (`is`, `on`) are words of a text, not misspelt functions.
      const best = name.length >= 4 && value.slice(p.from, p.to) === name ? closest(name, funcs, 1)[0] : undefined;
      return best
        ? [{ from: p.from, to: p.to, text: best, title: 'fix.replace-text', args: { from: name, to: best } }]
        : [];
    }
    case 'template.undefined-variable': {
      const name = str(a.name);
      const best =
        name.length >= 4 && value.slice(p.from, p.to) === name
          ? closest(
              name,
              PREDECLARED.prometheus.filter((v) => v.length > 1),
              1,
            )[0]
          : undefined;
      return best
        ? [{ from: p.from, to: p.to, text: best, title: 'fix.replace-text', args: { from: name, to: best } }]
        : [];
    }
    case 'template.unknown-field': {
      const field = str(a.field);
      const known = str(a.known)
        .split(', ')
        .filter((k) => /^\w+$/.test(k));
      const best =
        field.length >= 3 && value.slice(p.from, p.to) === '.' + field ? closest(field, known, 1)[0] : undefined;
      return best
        ? [
            {
              from: p.from + 1,
              to: p.to,
              text: best,
              title: 'fix.replace-text',
              args: { from: '.' + field, to: '.' + best },
            },
          ]
        : [];
    }
    case 'promql.scalar-comparison-needs-bool':
      return value.slice(p.from, p.to) === str(a.op)
        ? [{ from: p.to, to: p.to, text: ' bool', title: 'fix.insert-text', args: { text: 'bool' } }]
        : [];
    case 'promql.bad-escape':
      // `"\d+"`: the backslash doubled, as in the regex the user meant.
      return value[p.from] === '\\'
        ? [
            {
              from: p.from,
              to: p.from,
              text: '\\',
              title: 'fix.replace-text',
              args: { from: value.slice(p.from, p.to), to: '\\' + value.slice(p.from, p.to) },
            },
          ]
        : [];
    case 'duration.negative':
      return value.startsWith('+') && repairDuration(value.slice(1))
        ? [{ from: 0, to: 1, text: '', title: 'fix.remove-text', args: { text: '+' }, safe: true }]
        : [];
    case 'cidr.bad-prefix': {
      const prefix = str(a.prefix);
      const n = /^0\d+$/.test(prefix) ? Number(prefix) : NaN;
      return n <= Number(a.max) && value.slice(p.from, p.to) === '/' + prefix
        ? [
            {
              from: p.from,
              to: p.to,
              text: `/${n}`,
              title: 'fix.replace-text',
              args: { from: '/' + prefix, to: `/${n}` },
              safe: true,
            },
          ]
        : [];
    }
    case 'template.unclosed-action':
      return closeAction(value, p.from);
    case 'template.unexpected-token':
      // `{{ .X }` before the next action: the brace is the action's end, written `}}`.
      return p.message === 'template.unexpected-token.brace' && value.slice(p.from, p.to) === '}'
        ? [{ from: p.from, to: p.to, text: '}}', title: 'fix.close-action', args: {} }]
        : [];
    case 'template.missing-end': {
      const open = value.lastIndexOf('{{', p.from);
      const text = open >= 0 && /^\{\{-?\s/.test(value.slice(open)) ? '{{ end }}' : '{{end}}';
      const end = trimmedEnd(value);
      return [{ from: end, to: end, text, title: 'fix.insert-text', args: { text } }];
    }
    case 'template.unexpected-end': {
      const action = value.slice(p.from, p.to);
      return /^\{\{-?\s*end\s*-?\}\}$/.test(action)
        ? [{ from: p.from, to: p.to, text: '', title: 'fix.remove-text', args: { text: action } }]
        : [];
    }
    case 'template.unclosed-paren': {
      const close = value.indexOf('}}', p.to);
      if (close < 0) return [];
      let at = close;
      while (at > p.to && /\s/.test(value[at - 1])) at--;
      if (value[at - 1] === '-' && /\s/.test(value[at - 2] ?? '')) return [];
      return [{ from: at, to: at, text: ')', title: 'fix.insert-text', args: { text: ')' } }];
    }
    default:
      return [];
  }
}

/**
 * Where an unclosed `{{` most likely ends, best guess first (each is verified, the first that
 * checks is offered): a lone `}` on its line doubled, `}}` at the end of the line, or after the
 * first word of the action.
 */
function closeAction(value: string, from: number): TextFix[] {
  const lineEnd = (() => {
    const nl = value.indexOf('\n', from);
    return nl < 0 ? value.length : nl;
  })();
  const line = value.slice(from + 2, lineEnd);
  const spaced = /^-?\s/.test(line);
  const close = spaced ? ' }}' : '}}';
  const out: TextFix[] = [];
  const fix = (at: number, to: number, text: string): TextFix => ({
    from: at,
    to,
    text,
    title: 'fix.close-action',
    args: {},
  });
  const lone = /(^|[^}])\}(?!\})/.exec(line);
  if (lone) {
    const at = from + 2 + lone.index + lone[1].length;
    out.push(fix(at, at + 1, '}}'));
  }
  const end = trimmedEnd(value, lineEnd);
  if (end > from + 2) out.push(fix(end, end, /\s$/.test(value.slice(from, end)) ? '}}' : close));
  const word = /^-?\s*\S+/.exec(line);
  if (word) {
    const at = from + 2 + word[0].length;
    if (at < end) out.push(fix(at, at, close));
  }
  // The guess that leaves the template with the fewest errors comes first (the dialect is not known here).
  const score = (f: TextFix): number => {
    const text = value.slice(0, f.from) + f.text + value.slice(f.to);
    return Math.min(
      ...(['prometheus', 'alertmanager'] as const).map(
        (d) => parseGoTemplate(text, d).problems.filter((p) => (p.severity ?? 'error') === 'error').length,
      ),
    );
  };
  return out
    .map((f, i) => ({ f, i, s: score(f) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.f);
}
