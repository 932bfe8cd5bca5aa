/**
 * Messages of the language checkers (core/src/lang): durations, cron, time zones, locales and
 * currencies, CIDR blocks, Alertmanager matchers, PromQL and Go templates. `{{…}}` is Go-template
 * text, not a placeholder (`{{{keyword}}}` shows as `{{range}}`).
 */

export const langProblems = {
  // duration.ts
  'duration.empty': "Duration is empty; write a number with a unit, e.g. '30s', '5m' or '1h30m'.",
  'duration.invalid':
    "'{text}' is not a valid duration: {hint}. Write numbers with units from largest to smallest, e.g. '1h30m'.",
  'duration.invalid.repair': "'{duration}' is not a valid duration; write '{repaired}'.",
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
  'cidr.missing-prefix.subnet':
    "'{value}' has no prefix length; add '/n' (0-{max}), e.g. '{subnet}' for a subnet or '{suggestion}' for a single address.",
  'cidr.bad-prefix':
    "Prefix length '/{prefix}' is invalid; an {family} prefix is a number from 0 to {max} without leading zeros, e.g. '{example}'.",
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
  'promql.bad-duration': "Invalid duration '{duration}' in the {where}; write '{suggestion}'.",
  'promql.bad-duration.unit':
    "Invalid duration '{duration}' in the {where}: unit '{unit}' is not a duration unit; use ms, s, m, h, d, w or y (e.g. '5m').",
  'promql.bad-duration.form':
    "Invalid duration '{duration}' in the {where}: write whole numbers with units from largest to smallest, e.g. '5m' or '1h30m'.",
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
  'template.unexpected-token.brace': "Unexpected {token} in {context}: an action ends with '}}'; write '}}'.",
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
} as const;
