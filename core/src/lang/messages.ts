/**
 * English message templates of every `core/src/lang` problem code. `{name}` placeholders are
 * filled from `LangProblem.args`; a placeholder without a matching arg is left as written (so
 * Go-template text such as `{{end}}` can appear in messages).
 */
import * as l10n from '@vscode/l10n';
import { LangProblem } from './types';

export const langMessages: Record<string, string> = {
  // duration.ts
  'duration.empty': "Duration is empty; write a number with a unit, e.g. '30s', '5m' or '1h30m'.",
  'duration.invalid':
    "'{text}' is not a valid duration: {hint}. Write numbers with units from largest to smallest, e.g. '1h30m'.",
  'duration.negative': "Durations cannot be signed or negative ('{text}'); remove the sign.",
  'duration.fraction':
    "Fractions are not allowed in durations ('{text}'); use a smaller unit instead, e.g. '1h30m' rather than '1.5h', or '500ms' rather than '0.5s'.",
  'duration.missing-unit': "Number '{number}' has no unit; add one of y, w, d, h, m, s or ms (e.g. '{number}s').",
  'duration.unknown-unit': "Unit '{unit}' is not a duration unit; use ms, s, m, h, d, w or y (e.g. '{suggestion}').",
  'duration.unit-order':
    "Unit '{unit}' must come before '{previous}'; write units from largest to smallest ({order}), e.g. '1h30m'.",
  'duration.duplicate-unit': "Unit '{unit}' is used twice; each unit may appear only once (e.g. '1h30m', not '1h1h').",
  'duration.overflow': "Duration '{text}' is too long; the maximum is about 292 years.",

  // cron.ts
  'cron.empty':
    "Cron expression is empty; use five fields 'minute hour day-of-month month day-of-week' (e.g. '0 3 * * *') or a macro such as '@daily'.",
  'cron.field-count':
    "Cron expression has {count} fields but needs 5: minute hour day-of-month month day-of-week{hint}. Example: '*/15 * * * *'.",
  'cron.unknown-macro': "Unknown cron macro '{macro}'; use one of {macros}.",
  'cron.out-of-range': 'Value {value} is out of range for the {field} field; allowed: {allowed}.',
  'cron.invalid-value':
    "'{value}' is not valid in the {field} field{hint}; use {allowed}, '*', lists 'a,b', ranges 'a-b' or steps '*/n'.",
  'cron.bad-range':
    "Range '{range}' in the {field} field is reversed ({start} comes after {end}); write the smaller value first or split it into a list.",
  'cron.bad-step': "Step '/{step}' in the {field} field must be a whole number from 1 to {max}.",
  'cron.never-fires': "Day(s) of month '{days}' never occur in month(s) '{months}', so this schedule never runs.",

  // intl.ts
  'intl.timezone-empty': "Time zone is empty; use an IANA zone name such as 'UTC' or 'Europe/Berlin'.",
  'intl.timezone-whitespace': "Time zone '{value}' has surrounding whitespace; remove it.",
  'intl.unknown-timezone':
    "Unknown time zone '{value}'; use an IANA zone name such as 'UTC' or 'America/New_York'.{hint}",
  'intl.timezone-case':
    "Time zone '{value}' has the wrong letter case; tools that read the tz database (Go, Alertmanager) need '{suggestion}'.",
  'intl.locale-empty': "Locale is empty; use a BCP 47 tag such as 'en' or 'pt-BR'.",
  'intl.invalid-locale': "'{value}' is not a valid BCP 47 locale tag.{hint}",
  'intl.locale-not-canonical': "Locale '{value}' is not in canonical form; write '{suggestion}'.",
  'intl.unknown-language':
    "Language '{language}' in '{value}' is not a known language code; check the spelling (e.g. 'en', 'de', 'zh').",
  'intl.currency-empty': "Currency is empty; use an ISO 4217 code such as 'USD' or 'EUR'.",
  'intl.invalid-currency':
    "'{value}' is not an ISO 4217 currency code; use three letters such as 'USD', 'EUR' or 'JPY'.",
  'intl.currency-case': "Currency code '{value}' must be upper case: '{suggestion}'.",
  'intl.unknown-currency': "Unknown currency code '{value}'; use an ISO 4217 code such as 'USD', 'EUR' or 'GBP'.",

  // cidr.ts
  'cidr.empty': "CIDR block is empty; write an address and prefix length such as '10.0.0.0/8' or '2001:db8::/32'.",
  'cidr.invalid-address': "'{value}' is not a valid IP address: {reason}. Example: '10.0.0.0/8'.",
  'cidr.missing-prefix':
    "'{value}' has no prefix length; add '/n' (0-{max}), e.g. '{suggestion}' for a single address.",
  'cidr.bad-prefix':
    "Prefix length '/{prefix}' is invalid; an {family} prefix is a number from 0 to {max} without leading zeros.",
  'cidr.host-bits': "'{value}' has host bits set after the prefix; the network address is '{suggestion}'.",

  // matcher.ts
  'matcher.syntax':
    'Invalid matcher: found {found}, expected {expected}. Matchers look like \'severity="critical"\' or \'team=~"db|web"\'.',
  'matcher.unterminated-string': "Quoted value is not closed; add the closing '\"'.",
  'matcher.bad-escape': "Invalid escape in quoted value: {detail}; write a backslash as '\\\\' and a quote as '\\\"'.",
  'matcher.expected-name': 'Expected a label name but found {found}; matchers look like \'name="value"\'.',
  'matcher.expected-operator': "Expected an operator (=, !=, =~ or !~) after label name '{name}' but found {found}.",
  'matcher.expected-value': 'Expected a value after \'{name}{op}\' but found {found}; write "" for an empty value.',
  'matcher.expected-comma':
    "Expected ','{brace} between matchers but found {found}; double-quote values that contain spaces or special characters.",
  'matcher.unbalanced-braces': 'Unbalanced braces: {detail}.',
  'matcher.bad-label-name':
    "Invalid label name '{name}': {reason}. Label names use letters, digits and '_' and do not start with a digit.",
  'matcher.bad-regex':
    "Invalid regular expression '{value}': {reason}. Alertmanager uses RE2 syntax (no lookarounds or backreferences), anchored at both ends.",
  'matcher.classic-only':
    'Only the deprecated classic matcher parser accepts this; Alertmanager logs a warning for it ({reason}). Double-quote the value, e.g. \'name="some value"\'.',

  // promql.ts / promqlSemantic.ts
  'promql.empty': "PromQL expression is empty; write a query such as 'up == 0'.",
  'promql.too-long': 'Expression is too long to check ({length} characters; the limit is {max}).',
  'promql.too-complex':
    'Only the first {checked} characters of this expression were checked: it is too irregular to analyse quickly.',
  'promql.unclosed': "Missing '{close}' to close '{open}' opened at {position}.",
  'promql.unexpected-closer':
    "Unexpected '{close}' without a matching '{open}'; remove it or add the missing '{open}'.",
  'promql.mismatched-bracket': "Found '{found}' but expected '{expected}' to close '{open}' opened at {position}.",
  'promql.unknown-function': "'{name}' is not a PromQL function or aggregation.{hint}",
  'promql.bad-duration': "Invalid duration '{duration}' in {where}: {reason}",
  'promql.missing-operand': "Operator '{op}' needs an expression on its right-hand side.",
  'promql.missing-duration': "Expected a duration after '{after}', e.g. 'offset 5m'.",
  'promql.unexpected-end': "Expression ends unexpectedly after '{after}'; complete it or remove the trailing part.",
  'promql.expected-match-op':
    "Expected a match operator (=, !=, =~ or !~) after label '{label}' but found {found}, e.g. '{label}=\"value\"'.",
  'promql.expected-label-value': "Expected a quoted value after '{label}{op}', e.g. '{label}{op}\"value\"'.",
  'promql.unexpected-token': "Unexpected '{token}'{expected}.",
  'promql.unterminated-string': 'String literal is not closed; add the closing {quote}.',
  'promql.bad-escape':
    "Invalid escape sequence in string: {detail}; write a literal backslash as '\\\\' (e.g. regex '\\\\.').",
  'promql.bad-regex':
    "Invalid regular expression '{regex}': {reason}. PromQL uses RE2 syntax (no lookarounds or backreferences).",
  'promql.empty-selector':
    'Selector \'{selector}\' would match every series: add a metric name or at least one matcher that does not match the empty string (e.g. job="api").',
  'promql.duplicate-metric-name': 'Metric name is set twice (\'{name}\' and __name__="{other}"); keep only one.',
  'promql.wrong-arg-count': '{func}() takes {expected} argument(s) but got {got}; signature: {signature}.',
  'promql.expected-range-vector':
    "{func}() expects a range vector as argument {index}, but '{arg}' is {got}; add a range selector, e.g. '{arg}[5m]'.",
  'promql.expected-instant-vector':
    "{func}() expects an instant vector as argument {index}, but '{arg}' is {got}; remove the range or wrap it in a *_over_time() function.",
  'promql.expected-scalar':
    "{func}() expects a scalar as argument {index}, but '{arg}' is {got}; use a number or scalar(…).",
  'promql.expected-string': "{func}() expects a string as argument {index}, but '{arg}' is {got}; use a quoted string.",
  'promql.binary-operand-type':
    "Operator '{op}' cannot be applied to {got}; binary operators take scalars and instant vectors (wrap a range vector in rate(…) or avg_over_time(…)).",
  'promql.scalar-comparison-needs-bool':
    "Comparison '{op}' between two scalars needs the bool modifier, e.g. '1 {op} bool 2'.",
  'promql.set-operator-scalar': "Set operator '{op}' works only between instant vectors, not with scalars.",
  'promql.range-on-non-selector':
    "A range '{range}' can only follow a metric selector, not '{expr}'; use a subquery such as '({expr})[5m:1m]'.",
  'promql.subquery-on-non-vector': 'A subquery needs an instant vector, but the expression is {got}.',
  'promql.rule-result-type':
    'A rule expression must return an instant vector or a scalar, but this one returns {got}; wrap it in a function such as rate(…) or sum_over_time(…).',

  // goTemplate.ts / goTemplateLexer.ts
  'template.unclosed-action': "Action opened here is never closed; add '}}'.",
  'template.unclosed-comment': "Comment is never closed; end it with '*/}}'.",
  'template.comment-before-delimiter':
    "A comment must end right before the closing delimiter; write '*/}}' with nothing in between.",
  'template.unterminated-string': "Quoted string is not closed before the end of the line; add the closing '\"'.",
  'template.unterminated-raw-string': "Raw string is not closed; add the closing '`'.",
  'template.unterminated-char': 'Character constant is not closed; add the closing "\'" (strings use double quotes).',
  'template.bad-character': "Unexpected character '{char}' in action{hint}.",
  'template.bad-number': "'{number}' is not a valid number.",
  'template.unexpected-paren': "Unexpected ')' without a matching '('.",
  'template.unclosed-paren': "'(' is never closed; add ')' before '}}'.",
  'template.unexpected-end':
    'Unexpected {{end}}: there is no open {{if}}, {{range}}, {{with}}, {{define}} or {{block}} to close.',
  'template.unexpected-else': 'Unexpected {{else}}: {detail}.',
  'template.missing-end': '{{{keyword}}} is never closed; add {{end}} where the block should stop.',
  'template.missing-value': "Missing value for {context}; add a value or pipeline, e.g. '.Labels.severity'.",
  'template.undefined-function':
    "Function '{name}' is not defined in {dialect} templates; available functions include {examples}.",
  'template.undefined-variable':
    "Undefined variable '{name}'{hint}; declare it with '{{ {name} := … }}' before using it.",
  'template.unexpected-token': 'Unexpected {token} in {context}.',
  'template.non-executable-command':
    "'{token}' cannot start pipeline stage {stage}: only the first stage may be a constant; later stages must be functions or methods.",
  'template.too-many-declarations':
    "Too many variable declarations in {context}; only '{{range $index, $element := …}}' declares two.",
  'template.field-after-term':
    "A field cannot follow '{term}'; fields apply to '.', variables and parenthesized pipelines.",
  'template.nil-command': 'nil is not a command; use nil only as an argument.',
  'template.outside-range': '{{{keyword}}} is only allowed inside {{range}}.',
  'template.nested-define': '{{define}} is only allowed at the top level, not inside another block; move it out.',
  'template.bad-template-name':
    'The template name in {context} must be a quoted string, found {token}; e.g. \'{{ template "slack.default.title" . }}\'.',
  'template.duplicate-define': "Template '{name}' is defined more than once; rename or remove one definition.",
  'template.undefined-template': "Template '{name}' is not defined; add '{{define \"{name}\"}}…{{end}}'.",
  'template.unknown-field': "Field '{field}' does not exist on {context}; available: {known}.",
  'template.bad-escape': 'Invalid escape in string: {detail}.',
  'template.too-complex': 'Template is too complex to check: {detail}.',
};

/** All problem codes of the language checkers. */
export const langCodes: string[] = Object.keys(langMessages);

/**
 * Fixed English phrases the checkers put into message arguments (`{got}`, `{hint}`, `{reason}`,
 * `{position}`, …), translated when a message is shown in another language: an argument equal to
 * one of these, or matching one with its `{placeholders}` (whose values are translated in turn),
 * is shown from the bundle. Problem data keeps the English values (quick fixes and tests read
 * data, never messages). `{{…}}` is Go-template text, not a placeholder.
 */
export const langArgs: Record<string, string> = {
  // PromQL types, arities, positions, contexts
  'promql.type.range-vector': 'a range vector',
  'promql.type.instant-vector': 'an instant vector',
  'promql.type.scalar': 'a scalar',
  'promql.type.string': 'a string',
  'promql.arity.at-least': 'at least {min}',
  'promql.arity.between': '{min} to {max}',
  'promql.position.column': 'column {column}',
  'promql.position.line': 'line {line}, column {column}',
  'promql.where.subquery': 'subquery step',
  'promql.found.end': 'the end of the expression',
  'promql.after.start': 'the start',
  'promql.expected': '; expected {expected}',
  'promql.expected.duration': "a duration such as '5m'",
  'promql.expected.matchers': "',' or '}' between label matchers",
  'promql.expected.arguments': "',' or ')' between arguments",
  'promql.expected.grouping': "a label name, ',' or ')'",
  'promql.expected.operand': 'an expression after the operator',
  'promql.expected.aggregation': "the aggregated expression in parentheses, e.g. 'sum by (job) (metric)'",
  'promql.expected.operator': 'an operator or the end of the expression',
  'promql.hint.grafana':
    "{hint} ('$…' and '[[…]]' are Grafana dashboard variables, which Prometheus does not substitute)",
  'promql.hint.template-function':
    "{hint} '{name}' is a template function: use it in annotations ({{ $value | {name} }}), not in the query.",
  'hint.did-you-mean': " Did you mean '{suggestion}'?",
  // durations
  'duration.hint.string': 'a string is expected',
  'duration.hint.too-long': 'the value is far too long',
  'duration.hint.whitespace': 'remove the whitespace',
  'duration.hint.found': "expected a number but found '{char}'",
  'hint.unparsable': 'it could not be parsed',
  // cron
  'cron.field.minute': 'minute',
  'cron.field.hour': 'hour',
  'cron.field.day-of-month': 'day-of-month',
  'cron.field.month': 'month',
  'cron.field.day-of-week': 'day-of-week',
  'cron.allowed.alias': '{values} ({alias} also means {name}) or {names}',
  'cron.allowed.names': '{values} or {names}',
  'cron.hint.name-of': " ('{value}' is a {field} name)",
  'cron.hint.step-names': ' (names cannot be used with a step)',
  'cron.hint.empty-element': ' (empty list element)',
  'cron.hint.six-fields': ' (6 fields look like a seconds or year field; this format has no seconds)',
  'cron.hint.seven-fields': ' (7 fields look like a Quartz expression with seconds and year)',
  'cron.count.too-many': 'too many',
  // time zones and locales
  'intl.hint.offset': " Fixed offsets are not zone names; use e.g. 'Etc/GMT-1' for UTC+01:00 or a city zone",
  'intl.hint.local': " 'Local' is only accepted where the tool supports it (e.g. Alertmanager)",
  'intl.hint.separator': " BCP 47 separates subtags with '-', not '_'.",
  'intl.hint.whitespace': ' Remove the surrounding whitespace.',
  'intl.hint.use': "{hint} Use '{suggestion}'.",
  // CIDR blocks
  'cidr.reason.ipv4-parts': 'an IPv4 address has 4 dot-separated numbers, found {count}',
  'cidr.reason.empty-octet': 'empty octet',
  'cidr.reason.octet-number': "'{octet}' is not a number from 0 to 255",
  'cidr.reason.leading-zero': "octet '{octet}' has a leading zero",
  'cidr.reason.octet-range': 'octet {octet} is greater than 255',
  'cidr.reason.zone': 'zones (%…) are not allowed in a CIDR block',
  'cidr.reason.double-colon': "'::' may appear only once",
  'cidr.reason.empty-group': 'empty group',
  'cidr.reason.hex-group': "'{group}' is not a hexadecimal group of 1 to 4 digits",
  'cidr.reason.too-many-groups': 'too many groups for an address with ::',
  'cidr.reason.ipv6-groups': 'an IPv6 address has 8 groups, found {count}',
  'cidr.reason.too-long': 'the value is too long',
  'cidr.reason.whitespace': 'it contains whitespace',
  'cidr.reason.not-ip': 'it is not an IP address',
  // matchers
  'matcher.expected.not-op': "'!=' or '!~'",
  'matcher.expected.double-quoted': 'a double-quoted string ("…")',
  'matcher.expected.any': 'a label name, operator or value',
  'matcher.expected.end-after-brace': 'end of input after the closing brace',
  'matcher.expected.at-most': 'at most {count} characters',
  'matcher.expected.quoted': 'a valid quoted string',
  'matcher.expected.no-quotes': 'a value without unescaped double quotes',
  'found.end-of-input': 'end of input',
  'matcher.found.nothing': 'nothing',
  'matcher.found.long': 'a very long value',
  'matcher.found.input': 'input',
  'matcher.reason.empty': 'it is empty',
  'matcher.reason.legacy': 'it does not match [a-zA-Z_][a-zA-Z0-9_]*',
  'matcher.reason.utf8': 'UTF-8 parser: {message}',
  'matcher.brace': " or '}'",
  'matcher.detail.no-open': "'}' has no matching '{'",
  'matcher.detail.unbalanced': 'braces are not balanced',
  'matcher.detail.unclosed': "the opening brace is never closed; add '}' at the end",
  // quoted strings (matchers, PromQL, templates)
  'string.missing-quote': 'missing opening quote',
  'string.raw': 'raw string',
  'string.newline': 'a line break inside a quoted string',
  'string.string': 'string',
  'string.digits': "'{escape}' needs {count} {base} digits",
  'string.octal': 'octal',
  'string.hex': 'hex',
  'string.out-of-range': 'escaped value out of range',
  'string.unknown-escape': "unknown escape sequence '{escape}'",
  // Go templates
  'template.detail.tokens': 'too many tokens',
  'template.detail.too-long': 'the text is longer than 1,000,000 characters',
  'template.detail.nested': 'blocks are nested too deeply',
  'template.detail.no-open': 'there is no open {{if}}, {{with}} or {{range}}',
  'template.detail.second-else': 'a second {{else}} in this {{{keyword}}}; expected {{end}}',
  'template.detail.no-else': '{{{keyword}}} has no {{else}}',
  'template.detail.parens': 'parentheses are nested too deeply',
  'template.hint.declare': " (did you mean ':='?)",
  'template.hint.assign': ' (assignment with = needs an earlier := declaration)',
  'template.hint.prometheus-variable':
    " (that variable exists only in Prometheus rule templates; use '.Labels', '.CommonLabels' …)",
  'template.context.alert': 'an alert',
  'template.context.data': 'the template data',
  'template.context.else-of': '{{else}} of {{{keyword}}}',
  'template.context.comment': 'comment',
  'template.context.command': 'command',
  'template.context.operand': 'operand',
  'template.context.block': 'block clause',
  'template.context.parenthesized': 'parenthesized pipeline',
  'template.token.keyword': "keyword '{keyword}'",
};

/** Arguments that may hold the phrases of `langArgs` (others are names and values from the text). */
const WORDY_ARGS = new Set([
  'got',
  'expected',
  'hint',
  'reason',
  'detail',
  'found',
  'where',
  'position',
  'context',
  'count',
  'field',
  'after',
  'allowed',
  'token',
  'brace',
]);
/** Go template keywords: `{{else}}` holds no placeholder. */
const GO_WORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template', 'break', 'continue']);

interface ArgPattern {
  template: string;
  re: RegExp;
}

let argIndex: { exact: Set<string>; patterns: ArgPattern[] } | undefined;

function argPatterns(): { exact: Set<string>; patterns: ArgPattern[] } {
  if (argIndex) return argIndex;
  const exact = new Set<string>();
  const patterns: ArgPattern[] = [];
  for (const template of Object.values(langArgs)) {
    const parts: string[] = [];
    const seen = new Set<string>();
    let last = 0;
    for (const m of template.matchAll(/\{(\w+)\}/g)) {
      if (GO_WORDS.has(m[1]) || m.index === undefined) continue;
      parts.push(template.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      parts.push(seen.has(m[1]) ? `\\k<${m[1]}>` : `(?<${m[1]}>[\\s\\S]*?)`);
      seen.add(m[1]);
      last = m.index + m[0].length;
    }
    if (seen.size === 0) exact.add(template);
    else
      patterns.push({
        template,
        re: new RegExp('^' + parts.join('') + template.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$'),
      });
  }
  // The most specific phrase first: `{range} or {names}` only when nothing longer matches.
  const literal = (t: string): number => t.replace(/\{\w+\}/g, '').length;
  patterns.sort((a, b) => literal(b.template) - literal(a.template));
  return (argIndex = { exact, patterns });
}

/** An argument in the display language, when it is one of the fixed phrases (English otherwise). */
function localizeArg(value: string, depth = 0): string {
  if (depth > 3 || value.length > 500) return value;
  const { exact, patterns } = argPatterns();
  if (exact.has(value)) return l10n.t(value);
  for (const p of patterns) {
    const m = p.re.exec(value);
    if (!m?.groups) continue;
    // Filled even when the bundle says the same words (Spanish `Use`): the parts may be translated.
    const localized = l10n.t(p.template);
    const groups = m.groups;
    return localized.replace(/\{(\w+)\}/g, (whole, k: string) =>
      !GO_WORDS.has(k) && k in groups ? localizeArg(groups[k], depth + 1) : whole,
    );
  }
  return value;
}

/** Render a problem as text, in the display language when a bundle is loaded (English otherwise). Never throws. */
export function formatLangMessage(
  p: Pick<LangProblem, 'args'> & Partial<Pick<LangProblem, 'from' | 'to'>> & { code: string },
): string {
  try {
    const template = langMessages[p.code];
    if (template === undefined)
      return `${p.code}${Object.keys(p.args ?? {}).length ? ' ' + JSON.stringify(p.args) : ''}`;
    const args = p.args ?? {};
    // The display-language template when a bundle is loaded (keyed by the English template, like
    // core/src/rules/messages.ts), the English one otherwise. `l10n.t` is called without args so
    // it only looks the template up: its own `{…}` formatting would not fill placeholders inside
    // Go-template text such as `{{{keyword}}}`; the single replace below fills them all.
    let localized = template;
    try {
      localized = l10n.t(template);
    } catch {
      // keep the English template
    }
    // In another language, the fixed English phrases among the arguments are translated too.
    const shown = (key: string): string => {
      const v = args[key];
      if (localized === template || typeof v !== 'string' || !WORDY_ARGS.has(key)) return String(v);
      try {
        return localizeArg(v);
      } catch {
        return v;
      }
    };
    return localized.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key: string) =>
      Object.prototype.hasOwnProperty.call(args, key) ? shown(key) : whole,
    );
  } catch {
    return p && typeof p.code === 'string' ? p.code : 'unknown problem';
  }
}
