import * as l10n from '@vscode/l10n';

/**
 * Every sentence a user reads from the core, in English. Translations are bundles keyed by these
 * English templates (the `@vscode/l10n` convention), loaded by the host with `l10n.config`.
 * Placeholders are `{name}`.
 */
export const messages = {
  'yaml.syntax': 'YAML syntax error: {detail}.',
  'yaml.warning': 'YAML: {detail}.',
  'json.syntax': 'JSON syntax error: {detail}.',
  'document.duplicate-key':
    'Duplicate key `{key}`: it is set again later in this mapping and the last value counts (`{kept}`), so this one is ignored (strict readers reject the file). Remove this one, or keep it and remove the later ones.',
  'document.too-deep':
    'Nesting is deeper than {max} levels here, so this document is not read or checked. Flatten the structure: no configuration needs this depth.',
  'yaml.unicode-line-break':
    'Character {codePoint} ({name}) outside quotes: YAML 1.1 readers (libyaml, PyYAML, Go yaml.v2) take it for a line break and read what follows as a new line, which this check does not see. Replace it with a line break, or remove it.',
  'document.too-large':
    'This document is {size} MB, over the {limit} MB of `tenantConfig.largeDocumentLimit`: it is not validated, and only its outline and folding are offered. Raise the setting to check it, or split the file.',
  'document.alias-expansion-limit':
    'Alias `*{alias}` expands to about {expanded} nodes (an alias bomb?); the document is not validated. Reduce the nesting of aliases.',
  'yaml.ambiguous-scalar.boolean-expected':
    '`{value}` is the string "{value}" in YAML 1.2, not a boolean; write `{as11}` for `{key}`.',
  'yaml.ambiguous-scalar.boolean-string':
    '`{value}` is a string here, but YAML 1.1 tools read it as the boolean {as11}; quote it ("{value}") so every tool reads the same value.',
  'yaml.ambiguous-scalar.octal':
    '`{value}` is the number {as12} in YAML 1.2 but {as11} (octal) in YAML 1.1; quote it, or write it unambiguously.',
  'yaml.ambiguous-scalar.octal-string-expected':
    '`{value}` is read as the number {as12}, but `{key}` expects a string; quote it ("{value}").',
  'yaml.ambiguous-scalar.sexagesimal':
    '`{value}` is a string in YAML 1.2 but the number {as11} (base 60) in YAML 1.1; quote it.',
  'schema.required': '{where} is missing the required key `{key}`.',
  'schema.required.many': '{where} is missing the required keys {keys}.',
  'schema.additional-property': 'Unknown key `{key}` in {where}. Allowed keys: {allowed}.',
  'schema.additional-property.suggest': 'Unknown key `{key}` in {where}. Did you mean `{suggestion}`?',
  'schema.additional-property.none': 'Unknown key `{key}` in {where}: no keys are allowed here.',
  'schema.additional-property.pattern': 'Unknown key `{key}` in {where}: key names here must match `{pattern}`.',
  'schema.additional-property.no-more': 'Unknown key `{key}` in {where}: every allowed key is already present.',
  'schema.type': '`{key}` must be {expected}, but is {actualType} `{value}`.',
  'schema.enum': '`{key}` is `{value}`; expected one of: {allowed}.',
  'schema.enum.suggest': '`{key}` is `{value}`; did you mean `{suggestion}`? Expected one of: {allowed}.',
  'schema.const': '`{key}` must be `{expected}`, but is `{value}`.',
  'schema.pattern': '`{key}` is `{value}`, which does not match the expected format `{pattern}`.',
  'schema.pattern.custom': '`{key}` is `{value}`: {hint}',
  'schema.format': '`{key}` is `{value}`, which is not a valid {format}.',
  'schema.range': '`{key}` must be {comparison} {limit}, but is {value}.',
  'schema.multiple-of': '`{key}` must be a multiple of {limit}, but is {value}.',
  'schema.length.min': '`{key}` must be at least {limit} characters long, but has {count}.',
  'schema.length.max': '`{key}` must be at most {limit} characters long, but has {count}.',
  'schema.items-count.min': '`{key}` must have at least {limit} items, but has {count}.',
  'schema.items-count.max': '`{key}` must have at most {limit} items, but has {count}.',
  'schema.unique-items': '`{key}` lists `{value}` twice (items {i} and {j}); items must be unique.',
  'schema.items-not-checked':
    '`{key}` has {count} items: only the first {max} are checked against the schema. Split the list, or check it with another tool.',
  'schema.properties-count.min': '{where} must have at least {limit} keys, but has {count}.',
  'schema.properties-count.max': '{where} must have at most {limit} keys, but has {count}.',
  'schema.property-name': 'Key `{key}` is not allowed in {where}: {reason}',
  'schema.property-name.enum': 'Key `{key}` is not allowed in {where}; expected one of: {allowed}.',
  'schema.property-name.enum-suggest':
    'Key `{key}` is not allowed in {where}; did you mean `{suggestion}`? Expected one of: {allowed}.',
  'schema.dependency': '{where} has `{property}`, which requires `{key}` as well.',
  'schema.not': '`{key}` has a value that is not allowed here.',
  'schema.false': 'Key `{key}` is not allowed here.',
  'schema.contains': '`{key}` must contain at least {limit} matching item(s).',
  'schema.one-of-ambiguous':
    '`{key}` matches more than one of the allowed forms ({branches}); it must match exactly one.',
  'schema.deprecated': '`{key}` is deprecated: {detail}',
  'schema.other': '`{key}`: {detail}.',
  'schema.custom': '`{key}`: {detail}',
  'schema.remote-not-fetched':
    'Schema {uri} is remote and is never downloaded; use a bundled schema id or a local schema file.',
  'schema.load-error': 'Schema {uri} could not be loaded: {detail}.',
  'schema.compile-error': 'Schema {uri} is not a valid JSON Schema: {detail}.',
  'schema.untrusted-workspace':
    'Schema {uri} is a file of this workspace, which is not trusted: only bundled schemas are used until you trust it.',
  'schema.unsafe-pattern':
    'Schema {uri} has a pattern that RE2 cannot run in linear time (a look-around or a back-reference), so it is not enforced: `{pattern}`. Rewrite it without them.',
  // Reading files (core/src/host/files.ts): the bytes of a file, and why a file was not read. Never its content.
  'document.encoding':
    'This file is {encoding} (it starts with a byte order mark). It is read as such, but Prometheus, Alertmanager and most YAML and JSON tools expect UTF-8: save it as UTF-8.',
  'document.invalid-utf8':
    'Line {line} holds bytes that are not valid UTF-8 ({count} invalid sequence(s) in the file); they are read as U+FFFD. Save the file as UTF-8.',
  'file.refused.not-a-file-uri': 'only local files (`file:` URIs) are read',
  'file.refused.remote-host': 'files on another host (`file://host/…`) are not read',
  'file.refused.outside-workspace':
    'the file is outside the workspace (for the linter: the current folder); name it in the `tenantConfig.schemas` setting, or with `--schema` or `--config` on the command line, to use it',
  'file.refused.not-found': 'no such file',
  'file.refused.not-regular': 'not a regular file (a folder, a device, a pipe or a socket)',
  'file.refused.too-large': 'the file is larger than {max} MB',
  'file.refused.unreadable': 'the file cannot be read ({reason})',
  'file.not-json': 'not valid JSON at line {line}, column {column}',
  'file.not-yaml': 'not valid YAML at line {line}, column {column}',
  'suppression.unused.next-line':
    'No `{suppressed}` problem is reported on the next line, so this suppression does nothing: remove `{suppressed}` from the comment.',
  'suppression.unused.file':
    'No `{suppressed}` problem is reported in this file, so this suppression does nothing: remove `{suppressed}` from the comment.',
  'suppression.unused.path':
    'No `{suppressed}` problem is reported at {path} in the files matching {files}, so this suppression does nothing: remove it, or correct its path or code.',
  'suppression.invalid.unknown-code':
    '`{suppressed}` is not a tenant-config diagnostic code, so nothing is suppressed: use a code listed in docs/diagnostics.md.',
  'suppression.invalid.unknown-code-suggest':
    '`{suppressed}` is not a tenant-config diagnostic code, so nothing is suppressed; did you mean `{suggestion}`?',
  'suppression.invalid.no-code':
    '`{directive}` names no code, so nothing is suppressed: write the codes after it, e.g. `# {directive} schema.enum -- reason`.',
  // Format versions and migrations (core/src/migrate)
  'schema.outdated-version':
    'This {kind} file uses format version {version}; version {latest} is current. Migrate it with the quick fix or `tenant-config migrate` (docs/migrations.md).',
  'migration.conflict':
    '`{key}: {value}` and `{to}: {other}` disagree, so the migration to the current version cannot choose: keep the right one, remove the other, then migrate.',
  'migration.unmapped-value':
    '`{key}: {value}` has no equivalent for `{to}` (the values that map are {allowed}): set `{to}` yourself and remove `{key}`, then migrate.',
  'migration.value-not-accepted':
    '`{key}: {value}` cannot become `{to}` as it is, because the current version does not accept that value: change it, then migrate.',
  'migration.not-a-label-map':
    '`{key}` is not a map of label names to values, so it cannot be converted to matchers: write the matchers yourself.',
  'migration.matcher-not-convertible':
    'The entry `{label}: {value}` of `{key}` cannot be written as a matcher that reads back the same: write the matcher yourself.',
  'migration.shared-anchor':
    '`{key}` is an anchored map that other places reuse, and converting it here would change them too: write the matchers yourself.',
  'migration.cannot-edit':
    '`{key}` cannot be changed in place (its escapes make the edit ambiguous): change it by hand.',
  'migration.manual.pagerduty-service-key':
    '`{key}` is a PagerDuty Events API v1 key; the current version takes only `routing_key`, the key of an Events API v2 integration: create that integration, set `routing_key`, remove `{key}`, then migrate.',
  'alertmanager.deprecated-match':
    '`{key}` is deprecated since Alertmanager 0.22: use `{replacement}`. The quick fix writes each entry as an equivalent matcher.',
  'grafana.legacy-panel-type':
    'Panel type `{type}` is an AngularJS panel (off by default since Grafana 11, removed in Grafana 12), which Grafana converts to `{replacement}` when it loads the dashboard: convert it in the file.',
  'prometheus.renamed-setting': '`{key}` is called `{replacement}` in Prometheus 3, which rejects the old name.',
  'prometheus.alertmanager-api-v1':
    'Prometheus 3 no longer supports the Alertmanager v1 API: use `api_version: v2` (Alertmanager 0.16.0 or later).',
  'promql.renamed-function':
    '`{name}` is called `{replacement}` in Prometheus 3, which runs it only with `--enable-feature=promql-experimental-functions`.',
  // Quick-fix titles (features/fixes, and the `data.fixes` descriptors of core/src/fixes.ts)
  'fix.migrate-file': 'Migrate this file to version {version}',
  'fix.migrate-value': 'Replace `{key}: {value}` with `{to}: {mapped}`',
  'fix.migrate-move': 'Move `{key}` to `{to}`',
  'fix.migrate-merge': 'Convert `{key}` to `{to}`',
  'fix.migrate-type': 'Change `{value}` to `{mapped}`',
  'fix.rename-key': 'Change `{key}` to `{suggestion}`',
  'fix.remove-key': 'Remove `{key}`',
  'fix.change-to': 'Change to `{value}`',
  'fix.set-value': 'Set `{key}` to `{value}`',
  'fix.write': 'Write `{value}`',
  'fix.quote': 'Quote `{value}`',
  'fix.replace-key': 'Replace `{key}` with `{replacement}`',
  'fix.remove-ignored-key': 'Remove this ignored `{key}` (the last value, `{kept}`, counts)',
  'fix.keep-this-key': 'Keep this `{key}` (`{value}`) and remove the later ones',
  'fix.unicode-line-break': 'Replace {codePoint} with a line break',
  'fix.secret-env': 'Replace the secret with the environment variable `{ref}`',
  'fix.add-missing-key': 'Add the missing key {keys}',
  'fix.add-missing-keys': 'Add the missing keys {keys}',
  'fix.to-number': 'Convert to the number {value}',
  'fix.to-boolean': 'Convert to the boolean {value}',
  'fix.to-string': 'Convert to the string "{value}"',
  'fix.add-required-keys': 'Add the required keys of `{key}`',
  'fix.wrap-list': 'Wrap in a list',
  'fix.remove-item': 'Remove `{value}` from `{key}`',
  'fix.add-item': 'Add `{value}` to `{key}`',
  'fix.add-property': 'Add `{key}: {value}`',
  'fix.keep-only': 'Keep only `{value}` in `{key}`',
  'fix.swap': 'Swap the values of `{a}` and `{b}`',
  'fix.insert-text': 'Add `{text}`',
  'fix.remove-text': 'Remove `{text}`',
  'fix.replace-text': 'Change `{from}` to `{to}`',
  'fix.close-action': 'Close the action with `}}`',
  'fix.target-host': 'Write `{host}` as the target',
  'fix.target-host-scheme': 'Write `{host}` and set `scheme: {scheme}` in the job',
  'fix.target-host-path': 'Write `{host}` and set `metrics_path: {path}` in the job',
  'fix.target-host-scheme-path': 'Write `{host}` and set `scheme: {scheme}` and `metrics_path: {path}` in the job',
  'fix.remove-definition': 'Remove the unused definition of `{name}`',
  'fix.remove-rule': 'Remove the repeated rule `{name}`',
  'fix.all-code': 'Fix all `{code}` problems in this file',
  'fix.all-safe': 'Fix all safely fixable tenant-config problems',
  'where.document': 'the document',
  'where.path': '`{path}`',
  'list.more': '… ({count} more)',
  and: '{a} and {b}',
  or: '{a} or {b}',
  'type.string': 'a string',
  'type.number': 'a number',
  'type.integer': 'an integer',
  'type.boolean': 'a boolean (true or false)',
  'type.object': 'a mapping',
  'type.array': 'a list',
  'type.null': 'empty (null)',
  'compare.at-least': 'at least',
  'compare.at-most': 'at most',
  'compare.greater': 'greater than',
  'compare.less': 'less than',
} as const;

export type MessageId = keyof typeof messages;

/** The message for an id with its arguments, in the display language when a bundle is loaded. */
export function t(id: MessageId, args: Record<string, string | number | boolean> = {}): string {
  const template = messages[id];
  try {
    return l10n.t(template, args as Record<string, string | number | boolean>);
  } catch {
    return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in args ? String(args[k]) : `{${k}}`));
  }
}

/** "`a`, `b` and `c`" with a cap on the number listed. */
export function listOf(items: readonly unknown[], max = 12, quote = true): string {
  const shown = items.slice(0, max).map((i) => (quote ? '`' + String(i) + '`' : String(i)));
  const more = items.length > max ? ', ' + t('list.more', { count: items.length - max }) : '';
  if (shown.length <= 1) return shown.join('') + more;
  return shown.slice(0, -1).join(', ') + ', ' + shown[shown.length - 1] + more;
}
