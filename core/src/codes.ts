/**
 * Every diagnostic code the product emits, with its default severity and a one-line title.
 * `docs/diagnostics.md` documents each one; a test keeps the two in step.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  severity: Severity;
  title: string;
}

export const codes: Record<string, CodeInfo> = {
  'yaml.syntax': { severity: 'error', title: 'YAML syntax error' },
  'yaml.warning': { severity: 'warning', title: 'YAML warning (unknown tag, …)' },
  'yaml.ambiguous-scalar': { severity: 'error', title: 'A plain scalar YAML 1.1 and YAML 1.2 read differently' },
  'json.syntax': { severity: 'error', title: 'JSON syntax error' },
  'document.duplicate-key': { severity: 'error', title: 'The same key twice in one mapping' },
  'document.too-deep': { severity: 'error', title: 'Nesting too deep to check' },
  'document.alias-expansion-limit': { severity: 'error', title: 'Aliases expand past the safety budget (alias bomb)' },
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
  'schema.untrusted-workspace': { severity: 'information', title: 'A workspace schema file not used in an untrusted workspace' },
  'schema.unsafe-pattern': { severity: 'warning', title: 'A schema pattern not enforced because it could hang' },
};

export function defaultSeverity(code: string): Severity {
  return codes[code]?.severity ?? (code.startsWith('schema.') ? 'error' : 'warning');
}

/** The anchor of a code in docs/diagnostics.md (`schema.required` → `schema-required`). */
export function codeAnchor(code: string): string {
  return code.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}
