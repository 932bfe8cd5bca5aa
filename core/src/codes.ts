/**
 * Every diagnostic code the product emits, with its default severity and a one-line title.
 * `docs/diagnostics.md` documents each one; a test keeps the two in step. The `Code` type is
 * derived from this table: adding a row is all it takes to add a code.
 */
import type { Severity } from '../../protocol/src/severity';

export type { Severity };

export interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
}

const table = {
  'yaml.syntax': { severity: 'error', title: 'YAML syntax error' },
  'yaml.warning': { severity: 'warning', title: 'YAML warning (unknown tag, …)' },
  'yaml.ambiguous-scalar': { severity: 'error', title: 'A plain scalar YAML 1.1 and YAML 1.2 read differently' },
  'yaml.misindented-key': {
    severity: 'error',
    title: 'A key at the wrong indentation, valid one level deeper or shallower',
  },
  'yaml.unicode-line-break': {
    severity: 'error',
    title: 'NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR outside quotes: a line break for YAML 1.1 readers',
  },
  'json.syntax': { severity: 'error', title: 'JSON syntax error' },
  'document.duplicate-key': { severity: 'error', title: 'The same key twice in one mapping' },
  'document.too-deep': { severity: 'error', title: 'Nesting too deep to check' },
  'document.alias-expansion-limit': { severity: 'error', title: 'Aliases expand past the safety budget (alias bomb)' },
  'document.encoding': { severity: 'warning', title: 'A file in UTF-16 or UTF-32 rather than UTF-8' },
  'document.invalid-utf8': { severity: 'error', title: 'Bytes that are not valid UTF-8' },
  'document.too-large': { severity: 'warning', title: 'A document over the size limit: outline and folding only' },
  'schema.required': { severity: 'error', title: 'A required key is missing' },
  'schema.additional-property': { severity: 'error', title: 'A key the schema does not allow' },
  'schema.type': { severity: 'error', title: 'A value of the wrong type' },
  'schema.enum': { severity: 'error', title: 'A value not among the allowed values' },
  'schema.const': { severity: 'error', title: 'A value other than the one required' },
  'schema.pattern': { severity: 'error', title: 'A string not in the expected format' },
  'schema.format': { severity: 'error', title: 'A string not of the expected format (email, URI, …)' },
  'schema.range': { severity: 'error', title: 'A number out of range' },
  'schema.length': { severity: 'error', title: 'A string too short or too long' },
  'schema.items-count': { severity: 'error', title: 'A list with too few or too many items' },
  'schema.unique-items': { severity: 'error', title: 'A list with a duplicate item' },
  'schema.items-not-checked': { severity: 'warning', title: 'A list too long to check every item' },
  'schema.properties-count': { severity: 'error', title: 'A mapping with too few or too many keys' },
  'schema.property-name': { severity: 'error', title: 'A key whose name is not allowed' },
  'schema.dependency': { severity: 'error', title: 'A key that needs another key' },
  'schema.not': { severity: 'error', title: 'A value the schema forbids' },
  'schema.false': { severity: 'error', title: 'A key forbidden here' },
  'schema.contains': { severity: 'error', title: 'A list without a required kind of item' },
  'schema.one-of-ambiguous': { severity: 'error', title: 'A value matching several exclusive forms' },
  'schema.deprecated': { severity: 'warning', title: 'A deprecated key' },
  'schema.other': { severity: 'error', title: 'Another schema constraint' },
  'schema.remote-not-fetched': { severity: 'warning', title: 'A remote schema, never downloaded' },
  'schema.load-error': { severity: 'error', title: 'A schema file that cannot be read' },
  'schema.compile-error': { severity: 'error', title: 'A schema that is not valid JSON Schema' },
  'schema.untrusted-workspace': {
    severity: 'information',
    title: 'A workspace schema file not used in an untrusted workspace',
  },
  'schema.unsafe-pattern': {
    severity: 'warning',
    title: 'A user schema pattern RE2 cannot run (look-around, back-reference), not enforced',
  },
  // Format versions and migrations (core/src/migrate)
  'schema.outdated-version': { severity: 'information', title: 'A file of an older format version of its kind' },
  'migration.needs-choice': { severity: 'warning', title: 'A value a migration cannot carry over without a decision' },
  'alertmanager.deprecated-match': {
    severity: 'warning',
    title: 'A label map (`match`, `match_re`, `source_match*`, `target_match*`) instead of matchers',
  },
  'grafana.legacy-panel-type': { severity: 'warning', title: 'An AngularJS panel type Grafana converts on load' },
  'prometheus.renamed-setting': { severity: 'error', title: 'A setting Prometheus 3 knows under another name' },
  'prometheus.alertmanager-api-v1': { severity: 'error', title: 'The Alertmanager v1 API, removed in Prometheus 3' },
  'promql.renamed-function': { severity: 'error', title: 'A PromQL function Prometheus 3 renamed' },
  // PromQL in rule expressions, queries and dashboard targets (core/src/lang, rules/promql.ts)
  'promql.empty': { severity: 'error', title: 'An empty PromQL expression' },
  'promql.too-long': { severity: 'warning', title: 'A PromQL expression too long to check' },
  'promql.too-complex': { severity: 'information', title: 'A PromQL expression only partly checked' },
  'promql.unclosed': { severity: 'error', title: 'A bracket never closed in PromQL' },
  'promql.unexpected-closer': { severity: 'error', title: 'A closing bracket without its opening one' },
  'promql.mismatched-bracket': { severity: 'error', title: 'Brackets of different kinds paired' },
  'promql.unknown-function': { severity: 'error', title: 'Not a PromQL function or aggregation' },
  'promql.bad-duration': { severity: 'error', title: 'An invalid duration inside PromQL' },
  'promql.missing-operand': { severity: 'error', title: 'A binary operator without right-hand side' },
  'promql.missing-duration': { severity: 'error', title: '`offset` or `@` without a value' },
  'promql.unexpected-end': { severity: 'error', title: 'A PromQL expression that ends too early' },
  'promql.expected-match-op': { severity: 'error', title: 'A label matcher without operator' },
  'promql.expected-label-value': { severity: 'error', title: 'A label matcher without quoted value' },
  'promql.unexpected-token': { severity: 'error', title: 'A token PromQL does not expect here' },
  'promql.unterminated-string': { severity: 'error', title: 'A string literal never closed' },
  'promql.bad-escape': { severity: 'error', title: 'An invalid escape in a PromQL string' },
  'promql.bad-regex': { severity: 'error', title: 'A regular expression that is not valid RE2' },
  'promql.empty-selector': { severity: 'error', title: 'A selector that matches every series' },
  'promql.duplicate-metric-name': { severity: 'error', title: 'A metric name set twice' },
  'promql.wrong-arg-count': { severity: 'error', title: 'A function called with the wrong number of arguments' },
  'promql.expected-range-vector': { severity: 'error', title: 'A range vector expected' },
  'promql.expected-instant-vector': { severity: 'error', title: 'An instant vector expected' },
  'promql.expected-scalar': { severity: 'error', title: 'A scalar expected' },
  'promql.expected-string': { severity: 'error', title: 'A string expected' },
  'promql.binary-operand-type': { severity: 'error', title: 'A binary operator applied to a range vector or string' },
  'promql.scalar-comparison-needs-bool': { severity: 'error', title: 'A comparison between scalars without `bool`' },
  'promql.set-operator-scalar': { severity: 'error', title: '`and`, `or`, `unless` used with a scalar' },
  'promql.range-on-non-selector': { severity: 'error', title: 'A range applied to something other than a selector' },
  'promql.subquery-on-non-vector': { severity: 'error', title: 'A subquery of something other than an instant vector' },
  'promql.rule-result-type': { severity: 'error', title: 'A rule expression that returns a range vector or string' },
  // Go templates in rule labels/annotations and notification texts (rules/templates.ts)
  'template.unclosed-action': { severity: 'error', title: 'A template action never closed' },
  'template.unclosed-comment': { severity: 'error', title: 'A template comment never closed' },
  'template.comment-before-delimiter': { severity: 'error', title: 'Text between a comment and `}}`' },
  'template.unterminated-string': { severity: 'error', title: 'A quoted string not closed on its line' },
  'template.unterminated-raw-string': { severity: 'error', title: 'A raw string never closed' },
  'template.unterminated-char': { severity: 'error', title: 'A character constant never closed' },
  'template.bad-character': { severity: 'error', title: 'A character not allowed in an action' },
  'template.bad-number': { severity: 'error', title: 'An invalid number in a template' },
  'template.unexpected-paren': { severity: 'error', title: 'A `)` without `(` in a template' },
  'template.unclosed-paren': { severity: 'error', title: 'A `(` never closed in a template' },
  'template.unexpected-end': { severity: 'error', title: 'An `{{end}}` that closes nothing' },
  'template.unexpected-else': { severity: 'error', title: 'An `{{else}}` outside `if`, `with` or `range`' },
  'template.missing-end': { severity: 'error', title: 'A block never closed with `{{end}}`' },
  'template.missing-value': { severity: 'error', title: 'An action or argument without value' },
  'template.undefined-function': { severity: 'error', title: 'A function the dialect does not define' },
  'template.undefined-variable': { severity: 'error', title: 'A variable used before it is declared' },
  'template.unexpected-token': { severity: 'error', title: 'A token the template grammar does not expect' },
  'template.non-executable-command': { severity: 'error', title: 'A constant in a later pipeline stage' },
  'template.too-many-declarations': { severity: 'error', title: 'Too many variables declared' },
  'template.field-after-term': { severity: 'error', title: 'A field after something that has no fields' },
  'template.nil-command': { severity: 'error', title: '`nil` used as a command' },
  'template.outside-range': { severity: 'error', title: '`break` or `continue` outside `range`' },
  'template.nested-define': { severity: 'error', title: '`define` inside another block' },
  'template.bad-template-name': { severity: 'error', title: 'A template name that is not a quoted string' },
  'template.undefined-template': { severity: 'error', title: 'A rule template calling a template it does not define' },
  'template.duplicate-define': { severity: 'error', title: 'A template defined twice in one text' },
  'template.unknown-field': { severity: 'warning', title: 'A field the template data does not have' },
  'template.bad-escape': { severity: 'error', title: 'An invalid escape in a template string' },
  'template.too-complex': { severity: 'warning', title: 'A template too long or deep to check' },
  // Values (rules/values.ts): Prometheus durations
  'duration.empty': { severity: 'error', title: 'An empty duration' },
  'duration.invalid': { severity: 'error', title: 'Not a Prometheus duration' },
  'duration.negative': { severity: 'error', title: 'A signed duration' },
  'duration.fraction': { severity: 'error', title: 'A fractional duration' },
  'duration.missing-unit': { severity: 'error', title: 'A number without unit in a duration' },
  'duration.unknown-unit': { severity: 'error', title: 'An unknown duration unit' },
  'duration.unit-order': { severity: 'error', title: 'Duration units out of order' },
  'duration.duplicate-unit': { severity: 'error', title: 'A duration unit used twice' },
  'duration.overflow': { severity: 'error', title: 'A duration longer than about 292 years' },
  // cron schedules
  'cron.empty': { severity: 'error', title: 'An empty cron expression' },
  'cron.field-count': { severity: 'error', title: 'A cron expression without five fields' },
  'cron.unknown-macro': { severity: 'error', title: 'An unknown cron macro' },
  'cron.out-of-range': { severity: 'error', title: 'A cron value out of its field range' },
  'cron.invalid-value': { severity: 'error', title: 'A cron value that is not a number or name' },
  'cron.bad-range': { severity: 'error', title: 'A reversed cron range' },
  'cron.bad-step': { severity: 'error', title: 'An invalid cron step' },
  'cron.never-fires': { severity: 'warning', title: 'A cron schedule that never runs' },
  // time zones, locales, currencies
  'intl.timezone-empty': { severity: 'error', title: 'An empty time zone' },
  'intl.timezone-whitespace': { severity: 'error', title: 'A time zone with surrounding spaces' },
  'intl.unknown-timezone': { severity: 'error', title: 'An unknown time zone' },
  'intl.timezone-case': { severity: 'warning', title: 'A time zone with the wrong letter case' },
  'intl.locale-empty': { severity: 'error', title: 'An empty locale' },
  'intl.invalid-locale': { severity: 'error', title: 'Not a BCP 47 locale tag' },
  'intl.locale-not-canonical': { severity: 'warning', title: 'A locale tag not in canonical form' },
  'intl.unknown-language': { severity: 'warning', title: 'An unknown language code' },
  'intl.currency-empty': { severity: 'error', title: 'An empty currency code' },
  'intl.invalid-currency': { severity: 'error', title: 'Not a three-letter currency code' },
  'intl.currency-case': { severity: 'error', title: 'A currency code not in upper case' },
  'intl.unknown-currency': { severity: 'error', title: 'An unknown ISO 4217 currency code' },
  // CIDR blocks
  'cidr.empty': { severity: 'error', title: 'An empty CIDR block' },
  'cidr.invalid-address': { severity: 'error', title: 'An invalid IP address in a CIDR block' },
  'cidr.missing-prefix': { severity: 'error', title: 'A CIDR block without prefix length' },
  'cidr.bad-prefix': { severity: 'error', title: 'A prefix length out of range' },
  'cidr.host-bits': { severity: 'warning', title: 'A CIDR block with host bits set' },
  // Address plans and network lists (rules/networks.ts)
  'cidr.subnet-outside-vpc': { severity: 'error', title: 'A subnet outside the VPC block' },
  'cidr.subnet-overlap': { severity: 'error', title: 'Two subnets sharing addresses' },
  'cidr.peer-overlaps-vpc': { severity: 'error', title: 'A peered network overlapping the VPC block' },
  'cidr.redundant-entry': { severity: 'warning', title: 'A network list entry inside another entry' },
  // Alertmanager matchers (rules/alertmanager.ts)
  'matcher.syntax': { severity: 'error', title: 'An invalid Alertmanager matcher' },
  'matcher.unterminated-string': { severity: 'error', title: 'A matcher value never closed' },
  'matcher.bad-escape': { severity: 'error', title: 'An invalid escape in a matcher value' },
  'matcher.expected-name': { severity: 'error', title: 'A matcher without label name' },
  'matcher.expected-operator': { severity: 'error', title: 'A matcher without operator' },
  'matcher.expected-value': { severity: 'error', title: 'A matcher without value' },
  'matcher.expected-comma': { severity: 'error', title: 'Two matchers without comma' },
  'matcher.unbalanced-braces': { severity: 'error', title: 'Unbalanced braces around matchers' },
  'matcher.bad-label-name': { severity: 'error', title: 'An invalid label name in a matcher' },
  'matcher.bad-regex': { severity: 'error', title: 'A matcher regex that is not valid RE2' },
  'matcher.classic-only': { severity: 'warning', title: 'A matcher only the deprecated classic parser accepts' },
  // Localization files (rules/localization.ts)
  'localization.direction-mismatch': { severity: 'error', title: 'A text direction that does not match the script' },
  'localization.default-not-supported': {
    severity: 'error',
    title: 'A default locale missing from `supported_locales`',
  },
  'localization.fallback-not-supported': {
    severity: 'warning',
    title: 'A fallback locale missing from `supported_locales`',
  },
  'localization.same-separators': { severity: 'error', title: 'The same decimal and thousands separator' },
  'localization.plural-missing-category': {
    severity: 'warning',
    title: 'A plural category the locale needs is missing',
  },
  'localization.plural-extra-category': { severity: 'warning', title: 'A plural category the locale does not have' },
  // Prometheus rule files (rules/rulesFile.ts)
  'rules.duplicate-group': { severity: 'error', title: 'A rule group name repeated in one file' },
  'rules.recording-rule-field': {
    severity: 'error',
    title: 'A recording rule with `for`, `keep_firing_for` or `annotations`',
  },
  'rules.record-and-alert': { severity: 'error', title: 'A rule with both `record` and `alert`' },
  'rules.invalid-record-name': {
    severity: 'warning',
    title: 'A recording rule name that is not a classic metric name',
  },
  'rules.record-name-braces': { severity: 'error', title: 'Braces in a recording rule name' },
  'rules.reserved-label-name': { severity: 'error', title: '`__name__` set as a rule or group label' },
  'rules.duplicate-rule': { severity: 'warning', title: 'The same rule twice in one file' },
  'rules.multiple-documents': { severity: 'warning', title: 'A second YAML document in a rules file' },
  // Prometheus configuration (rules/prometheusConfig.ts)
  'prometheus.timeout-exceeds-interval': {
    severity: 'error',
    title: 'A scrape timeout longer than the scrape interval',
  },
  'prometheus.duplicate-job-name': { severity: 'error', title: 'A job name used twice in one file' },
  'prometheus.target-with-scheme': { severity: 'error', title: 'A static target written as a URL' },
  'prometheus.duplicate-remote-name': { severity: 'error', title: 'A remote write or remote read name used twice' },
  'prometheus.queue-shards': {
    severity: 'error',
    title: 'A remote write queue whose `min_shards` exceeds `max_shards`',
  },
  'prometheus.queue-backoff': {
    severity: 'error',
    title: 'A remote write queue whose `max_backoff` is below `min_backoff`',
  },
  'prometheus.queue-capacity': {
    severity: 'warning',
    title: 'A remote write queue `capacity` below `max_samples_per_send`',
  },
  'prometheus.missing-setting': { severity: 'error', title: 'A value Prometheus requires, missing or empty' },
  'prometheus.empty-item': { severity: 'error', title: 'An empty or null entry in a list Prometheus reads' },
  'prometheus.exclusive-settings': { severity: 'error', title: 'Two settings Prometheus refuses together' },
  'prometheus.setting-requires': { severity: 'error', title: 'A setting that needs another one' },
  'prometheus.duplicate-value': { severity: 'error', title: 'The same value twice in a list of unique values' },
  'prometheus.kubernetes-selector': {
    severity: 'error',
    title: 'A Kubernetes selector of a role the discovery refuses, or not in selector syntax',
  },
  'prometheus.glob-path': { severity: 'error', title: 'A glob outside the last element of a file path' },
  'prometheus.scrape-interval-lookback': {
    severity: 'warning',
    title: 'A scrape interval not shorter than the 5m lookback delta',
  },
  // Relabeling rules of Prometheus (rules/relabel.ts)
  'relabel.empty-rule': { severity: 'error', title: 'An empty or null relabeling rule' },
  'relabel.missing-target-label': { severity: 'error', title: 'A relabeling action without `target_label`' },
  'relabel.hashmod-modulus': { severity: 'error', title: '`hashmod` without a positive `modulus`' },
  'relabel.field-not-allowed': { severity: 'error', title: 'A relabeling field the action does not accept' },
  'relabel.bad-regex': { severity: 'error', title: 'A relabeling regex that is not valid RE2' },
  // HTTP clients of Prometheus and Alertmanager (rules/httpClient.ts)
  'http.exclusive-auth': { severity: 'error', title: 'More than one authentication method for one HTTP client' },
  'http.inline-and-file': {
    severity: 'error',
    title: 'An HTTP client or TLS setting given both inline and from a file',
  },
  'http.cert-without-key': {
    severity: 'error',
    title: 'A TLS client certificate without its key, or a key without its certificate',
  },
  'http.authorization-basic': { severity: 'error', title: '`authorization` of type `Basic` instead of `basic_auth`' },
  'http.oauth2-missing': { severity: 'error', title: 'OAuth 2.0 without `client_id` or `token_url`' },
  'http.reserved-header': { severity: 'error', title: 'A custom header the HTTP client sets itself' },
  // Alertmanager configuration (rules/alertmanager.ts)
  'alertmanager.root-receiver-missing': { severity: 'error', title: 'A root route without receiver' },
  'alertmanager.root-route-field': {
    severity: 'error',
    title: 'Matchers, time intervals or `continue` on the root route',
  },
  'alertmanager.undefined-receiver': { severity: 'error', title: 'A route naming a receiver not defined in the file' },
  'alertmanager.duplicate-receiver': { severity: 'error', title: 'A receiver name defined twice' },
  'alertmanager.duplicate-time-interval': { severity: 'error', title: 'A time interval name defined twice' },
  'alertmanager.undefined-time-interval': {
    severity: 'error',
    title: 'A route naming a time interval not defined in the file',
  },
  'alertmanager.group-by-wildcard': { severity: 'error', title: '`...` with other labels in `group_by`' },
  'alertmanager.duplicate-group-by': { severity: 'error', title: 'A label twice in `group_by`' },
  'alertmanager.zero-interval': { severity: 'error', title: 'A zero `group_interval` or `repeat_interval`' },
  'alertmanager.time-range-order': { severity: 'error', title: 'A time range that ends before it starts' },
  'alertmanager.route-missing': { severity: 'error', title: 'A configuration without a root route' },
  'alertmanager.receiver-name-label': { severity: 'error', title: 'A receiver `name` label other than its name' },
  'alertmanager.exclusive-settings': { severity: 'error', title: 'Two settings Alertmanager refuses together' },
  'alertmanager.setting-requires': { severity: 'error', title: 'A setting that needs another one' },
  'alertmanager.inline-and-file': { severity: 'error', title: 'A setting given both inline and from a file' },
  'alertmanager.missing-setting': { severity: 'error', title: 'An integration without a value it requires' },
  'alertmanager.missing-global-setting': {
    severity: 'error',
    title: 'An integration value set neither inline nor in `global`',
  },
  // Grafana dashboards (rules/grafana.ts)
  'grafana.duplicate-panel-id': { severity: 'error', title: 'Two panels with the same id' },
  'grafana.unknown-datasource': { severity: 'error', title: 'A data source variable the dashboard does not define' },
  // Security and consistency policy (rules/policy.ts)
  'policy.tls-version': { severity: 'error', title: 'A TLS version older than 1.2' },
  'policy.insecure-ssl-mode': {
    severity: 'error',
    title: 'Database TLS without certificate verification in production',
  },
  'policy.debug-in-production': { severity: 'error', title: 'Debug mode on in production' },
  'policy.local-host-in-production': { severity: 'error', title: 'A loopback host in production' },
  'policy.encryption-disabled': { severity: 'error', title: 'Encryption at rest turned off' },
  'policy.pool-min-exceeds-max': { severity: 'error', title: 'A connection pool whose `min` exceeds `max`' },
  'policy.autoscaling-min-exceeds-max': { severity: 'error', title: 'Autoscaling minimum above maximum' },
  'policy.health-check-timeout': { severity: 'error', title: 'A health check timeout not shorter than its interval' },
  'policy.dlq-self-target': { severity: 'error', title: 'A queue whose dead-letter queue is itself' },
  'policy.password-policy': { severity: 'warning', title: 'A password policy against NIST SP 800-63B' },
  'policy.jwt-none-algorithm': { severity: 'error', title: 'The JWT algorithm `none`' },
  'policy.oidc-missing-openid': { severity: 'error', title: 'An OIDC provider without the `openid` scope' },
  'policy.insecure-redirect-uri': { severity: 'error', title: 'A plain-http redirect URI on a non-loopback host' },
  // Secrets (rules/secrets.ts)
  'secret.literal': { severity: 'warning', title: 'A literal secret under a secret key' },
  'secret.shape': { severity: 'error', title: 'A credential found in a value' },
  // Cross-file references (core/src/workspace)
  'ref.undefined-receiver': { severity: 'error', title: 'A receiver no file of the workspace defines' },
  'ref.undefined-role': { severity: 'error', title: 'A role not defined in the file' },
  'ref.undefined-environment': { severity: 'error', title: 'An environment the tenant file does not declare' },
  'ref.undefined-template': { severity: 'error', title: 'An alert template the tenant (or platform) does not define' },
  'ref.undefined-template-block': { severity: 'error', title: 'A `{{ template }}` block no template file defines' },
  'ref.undefined-queue': { severity: 'error', title: 'A dead-letter queue no environment file of the tenant defines' },
  'ref.undefined-locale': { severity: 'error', title: 'A locale the tenant does not support' },
  'ref.undefined-time-interval': {
    severity: 'error',
    title: 'A time interval the tenant (or platform) does not define',
  },
  'ref.undefined-tenant': { severity: 'warning', title: 'A `tenant_id` no tenant file declares' },
  'ref.duplicate-receiver': { severity: 'error', title: 'A receiver name defined in two files' },
  'ref.duplicate-role': { severity: 'error', title: 'A role defined twice in one file' },
  'ref.duplicate-template': { severity: 'error', title: 'An alert template defined twice for one tenant' },
  'ref.duplicate-template-block': { severity: 'error', title: 'A template block defined twice in the workspace' },
  'ref.duplicate-queue': { severity: 'error', title: 'A queue defined twice in one environment file' },
  'ref.duplicate-time-interval': { severity: 'error', title: 'A time interval defined in two files of one tenant' },
  'ref.duplicate-tenant-id': { severity: 'error', title: 'Two tenant files with the same `tenant_id`' },
  'ref.duplicate-dashboard-uid': { severity: 'error', title: 'Two dashboards with the same `uid`' },
  'ref.duplicate-job-name': { severity: 'error', title: 'A scrape job name used in two files' },
  'ref.unused-receiver': { severity: 'warning', title: 'A receiver no route or notification rule uses' },
  'ref.unused-template': { severity: 'warning', title: 'An alert template nothing uses' },
  'ref.unused-template-block': { severity: 'warning', title: 'A template block never called' },
  'ref.unused-time-interval': { severity: 'warning', title: 'A time interval no route or rule uses' },
  'ref.unused-role': { severity: 'warning', title: 'A role no binding, MFA requirement, API key or `inherits` uses' },
  'ref.unused-dead-letter-queue': {
    severity: 'warning',
    title: 'A dead-letter queue no queue sends its dead letters to',
  },
  'ref.role-cycle': { severity: 'error', title: 'Roles that inherit from each other in a cycle' },
  'ref.missing-translation': { severity: 'warning', title: 'A message key missing in one locale' },
  'ref.placeholder-mismatch': { severity: 'warning', title: 'Translations of a message with different placeholders' },
  'ref.missing-template-locale': { severity: 'warning', title: 'An alert template without a supported locale' },
  // Suppression comments and the project configuration's suppressions (core/src/suppress)
  'suppression.unused': { severity: 'warning', title: 'A suppression that suppresses no problem' },
  'suppression.invalid': { severity: 'warning', title: 'A suppression comment that names no known code' },
} as const satisfies Record<string, CodeInfo>;

/** A diagnostic code: a key of the table above (`schema.required`, `ref.undefined-receiver`, …). */
export type Code = keyof typeof table;

/** The family of a code: what comes before its first dot (`schema`, `ref`, `promql`, …). */
export type CodeFamily = Code extends `${infer F}.${string}` ? F : never;

/** Every code with its default severity and title; indexing with any other string gives undefined. */
export const codes: Readonly<Record<Code, CodeInfo>> & Readonly<Partial<Record<string, CodeInfo>>> = table;

/** Whether a string (a setting key, a diagnostic's code from a client) is one of our codes. */
export function isCode(value: unknown): value is Code {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value);
}

export function defaultSeverity(code: Code): Severity {
  return table[code].severity;
}

/** The anchor of a code in docs/diagnostics.md (`schema.required` → `schema-required`). */
export function codeAnchor(code: string): string {
  return code.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}
