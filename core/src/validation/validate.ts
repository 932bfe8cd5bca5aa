import type { ErrorObject } from 'ajv';
import type { ASTNode } from '../document/ast';
import { findNodeAtPath } from '../document/ast';
import type { DocumentPart } from '../document/document';
import { toValue } from '../document/value';
import type { LoadedSchema } from '../schema/store';
import type { SchemaGraph } from '../schema/resolve';
import { shapeErrors } from './shape';
import { describeError } from './describe';
import { parsePointer, typedPath, rangeForValue, keyName, pathOfNode } from './paths';
import { hasCode, type Problem } from '../problem';
import { t } from '../messages';
import { cutLongLists, MAX_VALIDATED_ITEMS } from './limits';

/** Schema problems described per document part, far above what a document can usefully show (`maxProblems`). */
const MAX_SCHEMA_PROBLEMS = 2000;

/** Validate one document part against a loaded schema; problems carry absolute offsets. */
export function validatePart(part: DocumentPart, schema: LoadedSchema, graph: SchemaGraph, text: string): Problem[] {
  const problems: Problem[] = [];
  if (!schema.validate || !part.root) return problems;
  const { value, bomb } = toValue(part.root, part.hasAliases);
  if (bomb) {
    problems.push({
      code: 'document.alias-expansion-limit',
      offset: bomb.alias.offset,
      length: bomb.alias.length,
      message: t('document.alias-expansion-limit', { alias: bomb.alias.name, expanded: bomb.expanded }),
      data: { alias: bomb.alias.name, expanded: bomb.expanded },
    });
    return problems;
  }
  // `$schema` at the root names the schema; it is not content.
  if (value && typeof value === 'object' && !Array.isArray(value) && '$schema' in value)
    delete (value as Record<string, unknown>).$schema;
  const cut = cutLongLists(value);
  for (const c of cut.slice(0, 3)) {
    const { node } = findNodeAtPath(part.root, c.path);
    problems.push({
      code: 'schema.items-not-checked',
      ...rangeForValue(node ?? part.root, text),
      message: t('schema.items-not-checked', { key: keyName(c.path), count: c.count, max: MAX_VALIDATED_ITEMS }),
      data: { path: c.path, count: c.count, max: MAX_VALIDATED_ITEMS },
      severity: 'warning',
    });
  }
  schema.deprecations.found.length = 0;
  let errors: ErrorObject[];
  try {
    schema.validate(value);
    errors = (schema.validate.errors ?? []).slice();
  } catch (e) {
    problems.push({
      code: 'schema.compile-error',
      offset: part.root.offset,
      length: 0,
      message: t('schema.compile-error', { uri: schema.uri, detail: String((e as Error)?.message ?? e) }),
      data: { uri: schema.uri },
    });
    return problems;
  }
  const deprecations = schema.deprecations.found.splice(0);
  const shaped = shapeErrors(errors, graph);
  const yaml11 = new Map(part.yaml11.map((y) => [y.node as ASTNode, y]));
  const seen = new Set<string>();
  for (const err of shaped.errors) {
    // A list of 80,000 wrong items is one mistake: past the cap the rest are not described.
    if (problems.length >= MAX_SCHEMA_PROBLEMS) break;
    const p = describeError(err, part.root, text, yaml11);
    if (!p) continue;
    const key = `${p.code}|${p.offset}|${p.length}|${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(p);
  }
  // A value of the wrong type: the type is the mistake; its enum, pattern or format follow from it.
  const wrongType = new Set(problems.filter((p) => p.code === 'schema.type').map((p) => JSON.stringify(p.data?.path)));
  if (wrongType.size) {
    for (let i = problems.length - 1; i >= 0; i--) {
      const p = problems[i];
      if (
        (p.code === 'schema.enum' ||
          p.code === 'schema.const' ||
          p.code === 'schema.pattern' ||
          p.code === 'schema.format') &&
        wrongType.has(JSON.stringify(p.data?.path))
      )
        problems.splice(i, 1);
    }
  }
  // A misspelt required key is one mistake: keep "unknown key `tpye`, did you mean `type`?" only.
  const misspelt = new Set<string>();
  for (const p of problems) {
    const d = hasCode(p, 'schema.additional-property') ? p.data : undefined;
    if (d?.path && d.suggestions?.length) misspelt.add(JSON.stringify([...d.path.slice(0, -1), d.suggestions[0]]));
  }
  if (misspelt.size) {
    for (let i = problems.length - 1; i >= 0; i--) {
      const p = problems[i];
      const d = hasCode(p, 'schema.required') ? p.data : undefined;
      if (d?.path && d.missing?.length === 1 && misspelt.has(JSON.stringify([...d.path, d.missing[0]])))
        problems.splice(i, 1);
    }
  }
  for (const amb of shaped.ambiguous) {
    const path = typedPath(part.root, parsePointer(amb.instancePath));
    const { node } = findNodeAtPath(part.root, path);
    const r = rangeForValue(node ?? part.root, text);
    problems.push({
      code: 'schema.one-of-ambiguous',
      ...r,
      message: t('schema.one-of-ambiguous', { key: keyName(path), branches: amb.branches.join(', ') }),
      data: { path, branches: amb.branches },
    });
  }
  const deprecatedSeen = new Set<string>();
  for (const d of deprecations) {
    if (deprecatedSeen.has(d.instancePath)) continue;
    deprecatedSeen.add(d.instancePath);
    const path = typedPath(part.root, parsePointer(d.instancePath));
    const { node, depth } = findNodeAtPath(part.root, path);
    if (!node || depth < path.length || !node.parent || node.parent.type !== 'property') continue;
    const keyNode = node.parent.keyNode;
    problems.push({
      code: 'schema.deprecated',
      offset: keyNode.offset,
      length: keyNode.length,
      message: t('schema.deprecated', { key: keyName(path), detail: d.message }),
      data: { path, replacement: d.replacement, detail: d.message },
      tags: ['deprecated'],
      severity: 'warning',
    });
  }
  // YAML 1.1 scalars that validated: still ambiguous for YAML 1.1 tools.
  const flagged = new Set(problems.filter((p) => p.code === 'yaml.ambiguous-scalar').map((p) => p.offset));
  for (const y of part.yaml11) {
    if (flagged.has(y.node.offset) || (y.node.parent?.type === 'property' && y.node.parent.keyNode === y.node))
      continue;
    const source = text.slice(y.node.offset, y.node.offset + y.node.length);
    const path = pathOfNode(y.node);
    const args = {
      value: source,
      as11: String(y.as11),
      as12: y.node.type === 'number' ? String(y.node.value) : source,
      key: keyName(path),
    };
    const id =
      y.kind === 'boolean'
        ? 'yaml.ambiguous-scalar.boolean-string'
        : y.kind === 'octal'
          ? 'yaml.ambiguous-scalar.octal'
          : 'yaml.ambiguous-scalar.sexagesimal';
    problems.push({
      code: 'yaml.ambiguous-scalar',
      offset: y.node.offset,
      length: y.node.length,
      message: t(id, args),
      data: { path, kind: y.kind, value: source, expected: 'string' },
      severity: 'warning',
    });
  }
  return problems;
}
