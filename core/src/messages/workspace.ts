/**
 * Messages of the cross-file checks of the workspace index (`ref.*`, core/src/workspace). Some
 * placeholders are filled with the phrases below, translated like the rest:
 * - `{owner}`: `ref.owner.*`, a complement in the genitive ("of tenant `acme`"), always placed
 *   right after what it qualifies, so a translation inflects it once (du, des Tenants, del…);
 * - `{other}`: `ref.location.*` ("line 8", "bad.prometheus.yml, line 8");
 * - `{defined}`: a list of names, or `ref.none`;
 * - `{details}`: `ref.placeholder-mismatch.missing|extra|type`, joined by `ref.placeholder-mismatch.join`.
 */

export const workspaceProblems = {
  'ref.undefined-receiver':
    'Receiver `{name}` is not defined: no `receivers` entry of an Alertmanager, monitoring or Slack receivers file has this name.',
  'ref.undefined-role': 'Role `{name}` is not defined in the roles of this file.',
  'ref.undefined-environment':
    'Environment `{name}` is not one of the `environments` of tenant `{tenant}` ({defined}).',
  'ref.undefined-template':
    'Alert template `{name}` is not defined in the `templates` of an alert-templates file {owner}.',
  'ref.undefined-template-block':
    'Template block `{name}` is not defined: no `defines` entry or `define` action in the workspace has this name.',
  'ref.undefined-queue': 'Queue `{name}` is not defined among the `messaging.queues` {owner}.',
  'ref.undefined-locale': 'Locale `{name}` is not in the `supported_locales` {owner} ({defined}).',
  'ref.undefined-time-interval': 'Time interval `{name}` is not defined in the `time_intervals` {owner}.',
  'ref.undefined-tenant':
    'Tenant `{name}` has no tenant file (`tenant_id: {name}` in a *.tenant.yaml) in the workspace.',
  'ref.duplicate-receiver':
    'Receiver `{name}` is defined more than once (also at {other}); receiver names must be unique across the workspace.',
  'ref.duplicate-role': 'Role `{name}` is defined more than once in this file (also at {other}).',
  'ref.duplicate-template': 'Alert template `{name}` {owner} is defined more than once (also at {other}).',
  'ref.duplicate-template-block':
    'Template block `{name}` is defined more than once (also at {other}); Alertmanager loads every template together, so block names must be unique.',
  'ref.duplicate-queue': 'Queue `{name}` is defined more than once in this file (also at {other}).',
  'ref.duplicate-time-interval': 'Time interval `{name}` {owner} is defined more than once (also at {other}).',
  'ref.duplicate-tenant-id':
    'Tenant id `{name}` is already used by another tenant file ({other}); tenant ids must be unique.',
  'ref.duplicate-dashboard-uid':
    'Dashboard uid `{name}` is already used by another dashboard ({other}); Grafana keeps only one of them.',
  'ref.duplicate-job-name':
    'Scrape job name `{name}` is already used ({other}); Prometheus rejects configurations with duplicate job names.',
  'ref.unused-receiver': 'Receiver `{name}` is never used: no route or notification rule refers to it.',
  'ref.unused-template':
    'Alert template `{name}` is never used: no Slack receiver or notification rule {owner} refers to it.',
  'ref.unused-template-block': 'Template block `{name}` is never called by a `template` action.',
  'ref.unused-time-interval': 'Time interval `{name}` is never used by a route or notification rule.',
  'ref.unused-role':
    'Role `{name}` is never used: no binding, MFA requirement, API key or `inherits` entry of this file names it. Bind it to subjects, or remove it.',
  'ref.unused-dead-letter-queue':
    'Queue `{name}` is named as a dead-letter queue, but no queue of tenant `{tenant}` sends its dead letters to it. Set it as a `dead_letter.target_queue`, or remove it.',
  'ref.role-cycle': 'Role `{owner}` inherits from itself through {cycle}; remove one of these `inherits` entries.',
  'ref.missing-translation':
    'Message `{name}` has no `{locale}` translation (it exists in {locales}); add it to `locales.{locale}.messages` or give `{locale}` a fallback that has it.',
  'ref.placeholder-mismatch':
    'The `{locale}` translation of `{name}` does not use the same placeholders as `{reference}`: {details}.',
  'ref.missing-template-locale':
    'Alert template `{name}` has no `{locale}` version, and `{locale}` (a supported locale {owner}) has no fallback to a locale it has ({locales}).',
} as const;

export const workspacePhrases = {
  'ref.undefined.suggest': '{message} Did you mean `{suggestion}`?',
  'ref.placeholder-mismatch.missing': 'missing {list}',
  'ref.placeholder-mismatch.extra': 'extra {list}',
  'ref.placeholder-mismatch.type': '`{actual}` instead of `{expected}`',
  'ref.placeholder-mismatch.join': '{first}; {next}',
  'ref.owner.tenant': 'of tenant `{tenant}`',
  'ref.owner.platform': 'of the platform (files without a tenant)',
  'ref.owner.tenant-or-platform': 'of tenant `{tenant}` or of the platform',
  'ref.location.same-file': 'line {line}',
  'ref.location.other-file': '{file}, line {line}',
  'ref.none': 'none defined',
} as const;
