/**
 * Messages of the semantic rules (core/src/rules), by rule family. An id is a code, or a code with
 * a variant suffix (`code.variant`). Secret values never appear in any message.
 */
/** Said of a setting given inline and from a file, by `http.*` and `alertmanager.*` alike (one translation). */
const INLINE_AND_FILE =
  '`{key}` and `{fileKey}` are both set, but only one of them is allowed; remove one (keeping `{fileKey}` keeps the value out of this file).';

export const ruleProblems = {
  // localization.ts
  'localization.direction-mismatch':
    'Locale `{locale}` is written {expected}, but `direction` is `{actual}`; set `direction: {expected}`.',
  'localization.default-not-supported':
    '`default_locale` `{locale}` is not one of `supported_locales` ({supported}); add it there or choose a supported locale.',
  'localization.fallback-not-supported':
    'Fallback locale `{locale}` is not one of `supported_locales` ({supported}); add it there or fall back to a supported locale.',
  'localization.same-separators':
    'The decimal and thousands separators are both `{separator}`, so numbers would be ambiguous; use two different characters.',
  'localization.plural-missing-category':
    'Locale `{locale}` also uses the plural categories {missing} (CLDR categories: {required}); add them, or counts in those categories fall back to `other`.',
  'localization.plural-extra-category':
    'Locale `{locale}` has no plural category `{category}` (CLDR categories: {required}); remove it.',

  // rulesFile.ts
  'rules.duplicate-group': 'Group name `{name}` is repeated in this file; group names must be unique within a file.',
  'rules.recording-rule-field':
    'Recording rule `{record}` has `{field}`, which only alerting rules may have; remove it, or make the rule an alert.',
  'rules.record-and-alert':
    'This rule has both `record` (`{record}`) and `alert` (`{alert}`); a rule is a recording rule or an alerting rule. Keep one of them.',
  'rules.invalid-record-name':
    'Recording rule name `{name}` is not a classic metric name ([a-zA-Z_:][a-zA-Z0-9_:]*): only Prometheus 3 with UTF-8 names accepts it, and queries must quote it.',
  'rules.record-name-braces':
    'Braces in the recording rule name `{name}`: should they be in `expr`? A record name is a metric name, without label matchers.',
  'rules.reserved-label-name':
    '`__name__` cannot be set as a rule or group label: it is the metric name; remove it (use `record` to name a series).',
  'rules.duplicate-rule':
    '`{name}` is defined again with the same labels in this file; remove one or give them different labels.',
  'rules.multiple-documents':
    'Prometheus reads only the first YAML document of a rules file and ignores this one; move its groups into the first document or into a file of their own.',

  // prometheusConfig.ts
  'prometheus.timeout-exceeds-interval':
    '`scrape_timeout` ({timeout}) is longer than the scrape interval ({interval}); Prometheus rejects this. Lower the timeout or raise the interval.',
  'prometheus.duplicate-job-name':
    'Job name `{name}` is used by more than one scrape config in this file; job names must be unique.',
  'prometheus.target-with-scheme':
    'Static target `{target}` is not `host:port`: write `{suggestion}`, and set `scheme: {scheme}` and `metrics_path: {metricsPath}` in the job.',
  'prometheus.target-with-scheme.scheme':
    'Static target `{target}` is not `host:port`: write `{suggestion}`, and set `scheme: {scheme}` in the job.',
  'prometheus.target-with-scheme.path':
    'Static target `{target}` is not `host:port`: write `{suggestion}`, and set `metrics_path: {metricsPath}` in the job.',
  'prometheus.duplicate-remote-name':
    'Name `{name}` is already used by another `{section}` entry; names must be unique among the `{section}` entries.',
  'prometheus.queue-shards':
    '`min_shards` ({min}) is greater than `max_shards` ({max}); Prometheus refuses the queue. Lower `min_shards` or raise `max_shards` (unset, they are 1 and 50).',
  'prometheus.queue-backoff':
    '`max_backoff` ({max}) is shorter than `min_backoff` ({min}); Prometheus refuses the queue. Raise `max_backoff` or lower `min_backoff` (unset, they are 5s and 30ms).',
  'prometheus.queue-capacity':
    '`capacity` ({capacity}) is smaller than `max_samples_per_send` ({max}), so a shard buffers less than one full batch; the Prometheus tuning guide recommends 3 to 10 times `max_samples_per_send`.',
  'prometheus.missing-setting': '{where} needs `{key}`, which Prometheus requires; add it.',
  'prometheus.missing-setting.empty': '`{key}` of {where} is empty, but Prometheus requires a value; set it.',
  'prometheus.missing-setting.any': '{where} needs one of {keys}, which Prometheus requires; add one.',
  'prometheus.empty-item': 'An empty entry in `{key}`: Prometheus refuses empty or null entries; remove it.',
  'prometheus.exclusive-settings':
    '`{key}` cannot be used together with `{other}`: Prometheus refuses the combination; remove one of them.',
  'prometheus.exclusive-settings.kubeconfig':
    '`{key}` cannot be used with `{other}`: the kubeconfig file sets up the client of the Kubernetes API; remove one of them.',
  'prometheus.exclusive-settings.instance-principal':
    '`{key}` cannot be used with `auth: instance_principal` (it belongs to `api_key` authentication); remove it.',
  'prometheus.setting-requires.escaping':
    'Metric name escaping `{value}` keeps UTF-8 names, which needs `{requirement}`; choose another escaping scheme or UTF-8 validation.',
  'prometheus.setting-requires.otlp':
    'OTLP translation strategy `{value}` keeps UTF-8 names, which needs `{requirement}` in `global`; choose an escaping strategy or UTF-8 validation.',
  'prometheus.setting-requires.otlp-ignore':
    '`ignore_resource_attributes` only applies with `{requirement}`; set it, or list the attributes to keep in `promote_resource_attributes`.',
  'prometheus.setting-requires.api-server':
    '`{value}` configures the client of the Kubernetes API, which needs `{requirement}`: set the API server URL, or remove `{value}`.',
  'prometheus.duplicate-value':
    '`{value}` is listed twice in `{key}` (spaces around a value do not count); remove the repetition.',
  'prometheus.kubernetes-selector.role':
    'A `{role}` discovery accepts selectors of the roles {allowed}, not `{selectorRole}`; change the role or remove the selector.',
  'prometheus.kubernetes-selector.empty':
    'An empty requirement in this selector (two commas in a row, or one at an end); remove it.',
  'prometheus.kubernetes-selector.key':
    '`{token}` is not a Kubernetes label key (letters, digits, `-`, `_` and `.`, at most 63, with an optional DNS prefix and `/`).',
  'prometheus.kubernetes-selector.value':
    '`{token}` is not a Kubernetes label value (letters, digits, `-`, `_` and `.`, at most 63, starting and ending with a letter or digit).',
  'prometheus.kubernetes-selector.integer':
    '`{token}` is not an integer; `>` and `<` compare label values with whole numbers.',
  'prometheus.kubernetes-selector.requirement':
    '`{token}` is not a label selector requirement: write `key`, `!key`, `key=value`, `key!=value`, `key in (a, b)` or `key notin (a, b)`.',
  'prometheus.kubernetes-selector.field':
    '`{token}` is not a field selector requirement: write `field=value`, `field==value` or `field!=value`.',
  'prometheus.glob-path':
    '`{value}` has a glob outside its last path element; Prometheus accepts `*` in the file name only (`dir/*.yml`), not in directories.',
  'prometheus.scrape-interval-lookback':
    "Scrape interval {interval} is not shorter than the query lookback delta ({lookback} by default): between two scrapes the series go stale and drop out of queries. Scrape more often than every {lookback}, or raise the server's `--query.lookback-delta`.",

  // relabel.ts
  'relabel.empty-rule':
    'Empty relabel rule: Prometheus rejects it (an empty rule is a `replace` without `target_label`). Remove it, or write the rule.',
  'relabel.missing-target-label':
    'Relabel action `{action}` needs `target_label`, the label it writes or compares; add it.',
  'relabel.hashmod-modulus':
    'Relabel action `hashmod` needs a positive `modulus`, the number of buckets to hash into; set it, e.g. to the number of shards.',
  'relabel.field-not-allowed':
    '`{key}` cannot be set with relabel action `{action}`, which uses {allowed}; Prometheus rejects the rule. Remove `{key}`.',
  'relabel.bad-regex':
    "Invalid regular expression '{value}': {reason}. Relabeling uses RE2 syntax (no lookarounds or backreferences), anchored at both ends.",

  // httpClient.ts
  'http.exclusive-auth':
    'Only one authentication method is allowed, but `{key}` is set together with {others}; keep one and remove the others.',
  'http.inline-and-file': INLINE_AND_FILE,
  'http.cert-without-key':
    'The client certificate `{key}` has no private key; set `key_file` (or `key`) as well, or remove the certificate.',
  'http.cert-without-key.key':
    'The client key `{key}` has no certificate; set `cert_file` (or `cert`) as well, or remove the key.',
  'http.authorization-basic':
    '`authorization` cannot use the type `{value}`; use `basic_auth` with `username` and `password` instead.',
  'http.oauth2-missing': '`oauth2` has no `{key}`, which the OAuth 2.0 client credentials flow requires; add it.',
  'http.reserved-header': 'Header `{header}` is set by the HTTP client itself and cannot be overridden; remove it.',
  'http.reserved-header.tracing':
    'The `{header}` header cannot be set in tracing `headers`: Prometheus does not support it there; remove it.',
  'http.reserved-header.authorization':
    'The `{header}` header cannot be set here; configure credentials with `authorization`, `basic_auth` or `oauth2` instead.',

  // alertmanager.ts
  'alertmanager.root-receiver-missing':
    'The root route has no `receiver`; it needs a default receiver for alerts that match no child route.',
  'alertmanager.root-route-field':
    'The root route cannot have `{key}`: it receives every alert. Move `{key}` to a child route.',
  'alertmanager.undefined-receiver':
    'Receiver `{name}` is not defined in this file; add it under `receivers` or correct the name.',
  'alertmanager.undefined-receiver.suggest':
    'Receiver `{name}` is not defined in this file; did you mean `{suggestion}`?',
  'alertmanager.duplicate-receiver':
    'Receiver name `{name}` is defined more than once in this file; receiver names must be unique.',
  'alertmanager.duplicate-time-interval':
    'Time interval `{name}` is defined more than once; names must be unique across `time_intervals` and `mute_time_intervals`.',
  'alertmanager.undefined-time-interval':
    'Time interval `{name}` is not defined in this file; add it under `time_intervals` or correct the name.',
  'alertmanager.undefined-time-interval.suggest':
    'Time interval `{name}` is not defined in this file; did you mean `{suggestion}`?',
  'alertmanager.group-by-wildcard':
    '`...` (group by every label) must be the only item of `group_by`; remove the other labels or the `...`.',
  'alertmanager.duplicate-group-by': 'Label `{name}` is listed twice in `group_by`; remove one.',
  'alertmanager.zero-interval':
    '`{key}` cannot be zero; Alertmanager rejects it. Use a positive duration such as `{suggestion}`.',
  'alertmanager.time-range-order':
    'Time range {start}–{end} ends before it starts; `start_time` must be earlier than `end_time` (split ranges that cross midnight in two).',
  'alertmanager.inline-and-file': INLINE_AND_FILE,
  'alertmanager.missing-setting':
    'Receiver `{receiver}`: this {integration} configuration has no `{key}`, which Alertmanager requires; add it.',
  'alertmanager.missing-setting.any':
    'Receiver `{receiver}`: this {integration} configuration needs one of {keys}, which Alertmanager requires; add one.',
  'alertmanager.route-missing':
    'This configuration has no `route`: Alertmanager needs a root route with a default `receiver`; add one.',
  'alertmanager.receiver-name-label':
    "A receiver's `name` label is its name: `{value}` must be `{name}`. Change it, or remove the label (Alertmanager sets it).",
  'alertmanager.exclusive-settings':
    '`{key}` cannot be used together with `{other}`: Alertmanager refuses the combination; remove one of them.',
  'alertmanager.setting-requires':
    '`{key}` edits messages through the Slack app API: it needs `{requirement}` and `api_url` set to `{url}`, not a webhook URL.',
  'alertmanager.missing-global-setting':
    'Receiver `{receiver}`: this {integration} configuration has no `{key}`, and `global` has no `{globalKey}` to fall back on; set `{key}` here or `{globalKey}` under `global`.',

  // grafana.ts
  'grafana.duplicate-panel-id':
    'Panel id `{id}` is already the id of the panel at `{first}`; Grafana edits, links and repeats panels by id. Give this one a unique id, such as {suggestion}.',
  'grafana.duplicate-panel-id.titled':
    'Panel id `{id}` is already the id of panel "{title}" (`{first}`); Grafana edits, links and repeats panels by id. Give this one a unique id, such as {suggestion}.',
  'grafana.unknown-datasource':
    'Data source variable `{name}` is not defined in `templating.list` or `__inputs`, so the panel cannot load its data; define the variable, or name an existing data source.',
  'grafana.unknown-datasource.suggest':
    'Data source variable `{name}` is not defined in `templating.list` or `__inputs`, so the panel cannot load its data; did you mean `{suggestion}`?',

  // policy.ts
  'policy.tls-version':
    'TLS {version} is deprecated (RFC 8996) and must not be accepted; require TLS 1.2 or later (`{suggestion}`).',
  'policy.insecure-ssl-mode':
    '`ssl_mode: {value}` does not verify the database server certificate; production needs `verify-full` (or `verify-ca`).',
  'policy.debug-in-production': 'Debug mode is on in production; set `debug: false`.',
  'policy.local-host-in-production':
    '`{key}` is `{host}`, this machine, in production; use the real host name of the service.',
  'policy.encryption-disabled': 'Encryption is disabled (`{key}: false`); enable it.',
  'policy.encryption-disabled.production': 'Encryption is disabled (`{key}: false`) in production; enable it.',
  'policy.pool-min-exceeds-max': 'Pool `min` ({min}) is greater than `max` ({max}); lower `min` or raise `max`.',
  'policy.autoscaling-min-exceeds-max':
    '`{minKey}` ({min}) is greater than `{maxKey}` ({max}); the autoscaler cannot satisfy both.',
  'policy.health-check-timeout':
    'Health check `timeout` ({timeout}) must be shorter than `interval` ({interval}), or a slow check overlaps the next one.',
  'policy.dlq-self-target':
    'Queue `{name}` sends its dead letters to itself; point `target_queue` at a separate dead-letter queue.',
  'policy.password-policy.min-length':
    '`min_length` {value} is below 15; NIST SP 800-63B asks for at least 15 characters when a password is the only factor (8 with MFA).',
  'policy.password-policy.max-length':
    '`max_length` {value} is below 64; NIST SP 800-63B asks verifiers to accept passwords of at least 64 characters.',
  'policy.password-policy.composition':
    '`require_composition: true` imposes composition rules, which NIST SP 800-63B says verifiers shall not impose; rely on length and a breached-password check.',
  'policy.password-policy.expiration':
    '`{key}: {value}` forces periodic password changes, which NIST SP 800-63B says verifiers shall not require; use 0 and force a change on evidence of compromise.',
  'policy.password-policy.breached':
    '`check_breached: false` skips the check against known breached passwords that NIST SP 800-63B requires; set it to true.',
  'policy.jwt-none-algorithm':
    'The JWT algorithm `none` disables signature verification, so anyone can forge tokens; remove it from `algorithms`.',
  'policy.oidc-missing-openid':
    'OIDC provider `{name}` does not request the `openid` scope, so it gets no ID token; add `openid` to `scopes`.',
  'policy.insecure-redirect-uri':
    'Redirect URI `{uri}` uses plain http on a host other than a loopback address; use https (http only for 127.0.0.1 or [::1]).',
  'policy.insecure-redirect-uri.localhost':
    'Redirect URI `{uri}` uses `localhost`; use the loopback address 127.0.0.1 or [::1] instead (RFC 8252 §8.3), or https.',

  // networks.ts
  'cidr.subnet-outside-vpc':
    'Subnet {subnet} (`{cidr}`) is not inside the VPC block `{vpc}`; give it a range inside `{vpc}`, or widen `cidr_block`.',
  'cidr.subnet-outside-vpc.suggest':
    'Subnet {subnet} (`{cidr}`) is not inside the VPC block `{vpc}`; give it a free range inside it, such as `{suggestion}`.',
  'cidr.subnet-overlap':
    'Subnet {subnet} (`{cidr}`) overlaps subnet {other} (`{otherCidr}`); subnets must not share addresses. Give one of them another range.',
  'cidr.subnet-overlap.suggest':
    'Subnet {subnet} (`{cidr}`) overlaps subnet {other} (`{otherCidr}`); subnets must not share addresses. Move it to a free range of the VPC, such as `{suggestion}`.',
  'cidr.peer-overlaps-vpc':
    'The CIDR `{cidr}` of peering {peer} overlaps the VPC block `{vpc}`, so the shared addresses cannot be routed; peer only with networks outside `{vpc}`, or renumber one side.',
  'cidr.redundant-entry': '`{cidr}` lies inside `{other}`, another entry of this list, so it adds nothing; remove it.',

  // secrets.ts
  'secret.literal':
    '`{key}` holds a literal secret; reference it instead: `{ref}` (environment variable), a `file`, or a `vault` path.',
  'secret.literal.shape':
    '`{key}` holds a literal secret (`{kind}`); reference it instead: `{ref}` (environment variable), a `file`, or a `vault` path. Revoke it if it was ever committed.',
  'secret.literal.upstream':
    '`{key}` holds a literal secret; read it from a file (`{key}_file`) or have the deployment substitute `{ref}`.',
  'secret.literal.upstream-shape':
    '`{key}` holds a literal secret (`{kind}`); read it from a file (`{key}_file`) or have the deployment substitute `{ref}`. Revoke it if it was ever committed.',
  'secret.shape':
    'This value contains what looks like a secret (`{kind}`); secrets do not belong in configuration files. Store it in a secret manager, reference it, and revoke this one.',
} as const;
