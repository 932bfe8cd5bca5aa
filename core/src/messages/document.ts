/**
 * Messages of reading a file: YAML and JSON syntax, the document's own problems (duplicate keys,
 * nesting, aliases, YAML 1.1 scalars, encoding), and why a file was not read. Never a file's content.
 */

/** Problems of the readers (`yaml.*`, `json.*`, `document.*`). */
export const documentProblems = {
  'yaml.syntax': 'YAML syntax error: {detail}.',
  'yaml.warning': 'YAML: {detail}.',
  'yaml.misindented-key':
    '`{key}` is at the wrong indentation: it is read as a key of {where}; {spaces} spaces deeper it is a key of `{parent}`, where it is valid.',
  'yaml.misindented-key.shallower':
    '`{key}` is at the wrong indentation: it is read as a key of {where}; {spaces} spaces less it is a key beside `{parent}`, where it is valid.',
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
  'document.encoding':
    'This file is {encoding} (it starts with a byte order mark). It is read as such, but Prometheus, Alertmanager and most YAML and JSON tools expect UTF-8: save it as UTF-8.',
  'document.invalid-utf8':
    'Line {line} holds bytes that are not valid UTF-8 ({count} invalid sequence(s) in the file); they are read as U+FFFD. Save the file as UTF-8.',
} as const;

/** Why a file was not read, and where a file stops being JSON or YAML (core/src/host/files.ts). */
export const documentPhrases = {
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
} as const;
