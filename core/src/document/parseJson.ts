import { parseTree, printParseErrorCode, type Node as JNode, type ParseError } from 'jsonc-parser';
import type { ASTNode, ValueNode, ObjectNode, ArrayNode, PropertyNode, StringNode } from './ast';
import { capProblems, type DocumentPart, type ReadProblem } from './document';
import { MAX_DEPTH } from './parseYaml';
import { duplicateKeyProblems } from './duplicates';

/**
 * Read a JSON text into one format-neutral part. Comments and trailing commas are reported
 * (these files are read by tools that reject them). Never throws.
 */
export function parseJson(text: string): DocumentPart {
  const problems: ReadProblem[] = [];
  const deep = jsonTooDeep(text);
  if (deep >= 0) {
    problems.push({ code: 'document.too-deep', offset: deep, length: 1, severity: 'error', args: { max: MAX_DEPTH } });
    return { start: 0, end: text.length, root: undefined, problems, yaml11: [], hasAliases: false, index: 0 };
  }
  const errors: ParseError[] = [];
  let tree: JNode | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch (e) {
    problems.push({
      code: 'json.syntax',
      offset: 0,
      length: Math.min(1, text.length),
      severity: 'error',
      args: { detail: String((e as Error)?.message ?? e) },
    });
  }
  let lastOffset = -1;
  for (const err of errors) {
    // One mistake often yields several parser errors at the same place; the first says it best.
    if (err.offset === lastOffset) continue;
    lastOffset = err.offset;
    problems.push({
      code: 'json.syntax',
      offset: err.offset,
      length: Math.max(err.length, err.offset < text.length ? 1 : 0),
      severity: 'error',
      args: { detail: jsonErrorText(printParseErrorCode(err.error)) },
      data: { jsonCode: printParseErrorCode(err.error) },
    });
  }
  const root = tree ? convert(tree, undefined, problems, text) : undefined;
  return { start: 0, end: text.length, root, problems: capProblems(problems), yaml11: [], hasAliases: false, index: 0 };
}

function jsonErrorText(code: string): string {
  switch (code) {
    case 'InvalidCommentToken':
      return 'Comments are not permitted in JSON';
    case 'TrailingComma':
      return 'Trailing comma is not permitted in JSON';
    case 'PropertyNameExpected':
      return 'Expected a property name in double quotes';
    case 'ValueExpected':
      return 'Expected a value';
    case 'ColonExpected':
      return "Expected ':' after the property name";
    case 'CommaExpected':
      return "Expected ',' between entries";
    case 'CloseBraceExpected':
      return "Expected '}' to close the object";
    case 'CloseBracketExpected':
      return "Expected ']' to close the array";
    case 'EndOfFileExpected':
      return 'Expected the end of the file after the value';
    case 'UnexpectedEndOfString':
      return 'Unterminated string';
    case 'UnexpectedEndOfComment':
      return 'Unterminated comment';
    case 'UnexpectedEndOfNumber':
      return 'Incomplete number';
    case 'InvalidUnicode':
      return 'Invalid \\u escape in string';
    case 'InvalidEscapeCharacter':
      return 'Invalid escape character in string';
    case 'InvalidCharacter':
      return 'Invalid character in string';
    case 'InvalidSymbol':
      return 'Invalid symbol';
    case 'InvalidNumberFormat':
      return 'Invalid number';
    default:
      return code;
  }
}

/**
 * Offset where bracket nesting first exceeds the limit, or -1. Strings are skipped as the JSON
 * scanner reads them (they end at a line break when unterminated); a closing bracket with nothing
 * open closes nothing.
 */
export function jsonTooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 || c === 10 || c === 13) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return i;
    } else if ((c === 125 || c === 93) && depth > 0) depth--;
  }
  return -1;
}

function convert(node: JNode, parent: ASTNode | undefined, problems: ReadProblem[], text: string): ValueNode {
  const base = { offset: node.offset, length: node.length, parent };
  switch (node.type) {
    case 'object': {
      const obj: ObjectNode = { type: 'object', properties: [], flow: true, ...base };
      for (const child of node.children ?? []) {
        const [k, v] = child.children ?? [];
        if (!k) continue;
        const keyNode: StringNode = {
          type: 'string',
          value: String(k.value ?? ''),
          offset: k.offset,
          length: k.length,
          style: 'json',
        };
        const prop: PropertyNode = {
          type: 'property',
          keyNode,
          offset: child.offset,
          length: child.length,
          parent: obj,
          colonOffset: child.colonOffset,
        };
        keyNode.parent = prop;
        if (v) prop.valueNode = convert(v, prop, problems, text);
        obj.properties.push(prop);
      }
      for (const p of duplicateKeyProblems(obj, text, 0)) problems.push(p);
      return obj;
    }
    case 'array': {
      const arr: ArrayNode = { type: 'array', items: [], flow: true, ...base };
      for (const child of node.children ?? []) arr.items.push(convert(child, arr, problems, text));
      return arr;
    }
    case 'string':
      return { type: 'string', value: String(node.value), style: 'json', ...base };
    case 'number':
      return {
        type: 'number',
        value: Number(node.value),
        isInteger: Number.isInteger(node.value),
        style: 'json',
        ...base,
      };
    case 'boolean':
      return { type: 'boolean', value: node.value === true, style: 'json', ...base };
    default:
      return { type: 'null', style: 'json', ...base };
  }
}
