/**
 * Messages of JSON Schema validation (`schema.*`, core/src/validation) and schema loading, and the
 * words they are built from (where, types, comparisons, lists).
 */

export const schemaProblems = {
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
  'schema.deprecated.bare': '`{key}` is deprecated.',
  'schema.deprecated.qualified': '`{key}` {detail}',
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
} as const;

/** Fragments of schema messages: where a mapping is, type names, comparisons, lists. */
export const schemaPhrases = {
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
