/**
 * The format-neutral node tree. YAML and JSON readers both produce it; everything above the
 * readers (validation, completion, hover, quick fixes) works on it and never on the source format.
 * Offsets are UTF-16 offsets into the whole document text.
 */

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'json';

interface NodeBase {
  offset: number;
  length: number;
  parent?: ASTNode;
}

export interface ObjectNode extends NodeBase {
  type: 'object';
  properties: PropertyNode[];
  /** A YAML flow mapping `{ a: 1 }` or a JSON object. */
  flow: boolean;
}

export interface PropertyNode extends NodeBase {
  type: 'property';
  keyNode: StringNode;
  valueNode?: ValueNode;
  /** Offset of the `:` separator, when present. */
  colonOffset?: number;
}

export interface ArrayNode extends NodeBase {
  type: 'array';
  items: ValueNode[];
  flow: boolean;
}

export interface StringNode extends NodeBase {
  type: 'string';
  value: string;
  style: ScalarStyle;
}

export interface NumberNode extends NodeBase {
  type: 'number';
  value: number;
  isInteger: boolean;
  style: ScalarStyle;
}

export interface BooleanNode extends NodeBase {
  type: 'boolean';
  value: boolean;
  style: ScalarStyle;
}

export interface NullNode extends NodeBase {
  type: 'null';
  style: ScalarStyle;
}

/** A YAML alias `*name`; `target` is the anchored node, when it exists. */
export interface AliasNode extends NodeBase {
  type: 'alias';
  name: string;
  target?: ASTNode;
}

export type ScalarNode = StringNode | NumberNode | BooleanNode | NullNode;
export type ASTNode = ObjectNode | PropertyNode | ArrayNode | ScalarNode | AliasNode;
export type ValueNode = Exclude<ASTNode, PropertyNode>;

/**
 * A plain YAML scalar that YAML 1.1 tools read differently from YAML 1.2 (`yes`, `off`, `0755`).
 * `as11` is what a YAML 1.1 reader would see.
 */
export interface Yaml11Scalar {
  node: ScalarNode;
  kind: 'boolean' | 'octal' | 'sexagesimal';
  as11: boolean | number;
}

export type Segment = string | number;
export type JSONPath = Segment[];

/** The path of a node from the root of its document: property names and item indices. */
export function getNodePath(node: ASTNode): JSONPath {
  const path: JSONPath = [];
  let cur: ASTNode | undefined = node;
  while (cur && cur.parent) {
    const parent: ASTNode = cur.parent;
    if (parent.type === 'property') {
      if (cur === parent.valueNode) path.push(parent.keyNode.value);
    } else if (parent.type === 'array') {
      path.push(parent.items.indexOf(cur as ValueNode));
    }
    cur = parent;
  }
  return path.reverse();
}

/** Follow aliases to the node they stand for (bounded, so alias cycles end). */
export function deref(node: ASTNode | undefined): ASTNode | undefined {
  let cur = node;
  for (let i = 0; i < 64 && cur && cur.type === 'alias'; i++) cur = cur.target;
  return cur && cur.type === 'alias' ? undefined : cur;
}

/** A node's value as plain JSON data. */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/**
 * The plain value of a node: aliases followed, depth bounded (undefined beyond it), a duplicated key's
 * last value, and a key such as `__proto__` kept as an own property.
 */
export function plainValue(node: ASTNode | undefined, depth = 0): PlainValue | undefined {
  const n = deref(node);
  if (!n || depth > 64) return undefined;
  switch (n.type) {
    case 'object': {
      const o: { [key: string]: PlainValue } = {};
      for (const p of n.properties) {
        const value = plainValue(p.valueNode, depth + 1) ?? null;
        Object.defineProperty(o, p.keyNode.value, { value, enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    case 'array':
      return n.items.map((i) => plainValue(i, depth + 1) ?? null);
    case 'null':
      return null;
    case 'string':
    case 'number':
    case 'boolean':
      return n.value;
    default:
      return undefined;
  }
}

/** The property of an object with a given key (the last one when duplicated, as YAML and JSON readers do). */
export function findProperty(obj: ObjectNode, key: string): PropertyNode | undefined {
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    if (obj.properties[i].keyNode.value === key) return obj.properties[i];
  }
  return undefined;
}

/**
 * The node at a path, and how far the path could be followed. Merge keys (`<<`) are followed
 * when a key is not found directly, so a problem inside merged content lands on the `<<` key.
 */
export function findNodeAtPath(
  root: ASTNode | undefined,
  path: JSONPath,
): { node: ASTNode | undefined; depth: number } {
  let node = root;
  let depth = 0;
  for (const seg of path) {
    const cur = deref(node);
    if (!cur) break;
    if (cur.type === 'object' && typeof seg === 'string') {
      const prop = findProperty(cur, seg);
      if (prop) {
        node = prop.valueNode ?? prop;
        if (!prop.valueNode) return { node: prop, depth: depth + 1 };
      } else {
        const merge = findProperty(cur, '<<');
        return { node: merge ?? cur, depth };
      }
    } else if (cur.type === 'array' && typeof seg === 'number' && seg < cur.items.length) {
      node = cur.items[seg];
    } else if (cur.type === 'array' && typeof seg === 'string' && /^\d+$/.test(seg) && Number(seg) < cur.items.length) {
      node = cur.items[Number(seg)];
    } else {
      break;
    }
    depth++;
  }
  return { node, depth };
}

/** Depth-first search for the innermost node containing an offset (end inclusive). */
export function findNodeAtOffset(root: ASTNode | undefined, offset: number, includeEnd = true): ASTNode | undefined {
  let node = root;
  if (!node || !contains(node, offset, includeEnd)) return undefined;
  for (;;) {
    let next: ASTNode | undefined;
    // A child that strictly contains the offset wins over one that merely ends there.
    if (node.type === 'object')
      next =
        node.properties.find((p) => contains(p, offset, false)) ??
        (includeEnd ? node.properties.find((p) => contains(p, offset, true)) : undefined);
    else if (node.type === 'array')
      next =
        node.items.find((c) => contains(c, offset, false)) ??
        (includeEnd ? node.items.find((c) => contains(c, offset, true)) : undefined);
    else if (node.type === 'property') {
      if (contains(node.keyNode, offset, includeEnd)) next = node.keyNode;
      else if (node.valueNode && contains(node.valueNode, offset, includeEnd)) next = node.valueNode;
    }
    if (!next) return node;
    node = next;
  }
}

function contains(node: ASTNode, offset: number, includeEnd: boolean): boolean {
  return (
    offset >= node.offset &&
    (offset < node.offset + node.length || (includeEnd && offset === node.offset + node.length))
  );
}
