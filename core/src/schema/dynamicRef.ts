import type Ajv from 'ajv';
import type { KeywordCxt, ValidateFunction } from 'ajv';
import { _ } from 'ajv/dist/compile/codegen';
import { callRef } from 'ajv/dist/vocabularies/core/ref';
import { resolveUri, withoutFragment } from './uri';
import { LIST, MAP, ONE } from './prepare';

/**
 * `$dynamicRef` of 2020-12 with its dynamic scope. ajv resolves a `$dynamicRef` only to a
 * `$dynamicAnchor` at the root of a resource and keeps no scope; here the resources that declare
 * dynamic anchors are marked (`prepareSchema` adds `SCOPE` and `SCOPE_END` to them), entering and
 * leaving one pushes and pops its URI, and a `$dynamicRef` whose initial target carries the
 * `$dynamicAnchor` it names goes to the outermost resource in scope that declares that anchor.
 */
export const SCOPE = 'x-tenant-config-scope';
export const SCOPE_END = 'x-tenant-config-scope-end';

/** Where a resource or an anchor is: the document it was loaded as and the JSON pointer inside it. */
export interface Located {
  doc: string;
  pointer: string;
}

export interface DynamicIndex {
  /** `resourceUri#name` of every `$anchor` and `$dynamicAnchor`, and `resourceUri` of every resource. */
  anchors: Map<string, Located & { dynamic: boolean }>;
  resources: Map<string, Located>;
}

const passAll = Object.assign(() => true, {
  errors: null,
  evaluated: { props: undefined, items: undefined, dynamicProps: false, dynamicItems: false },
}) as unknown as ValidateFunction;

export function addDynamicRef(ajv: Ajv, index: DynamicIndex): { reset(): void } {
  const scope: string[] = [];
  const validators = new Map<string, ValidateFunction | undefined>();
  const compiled = (at: Located | undefined): ValidateFunction | undefined => {
    if (!at) return undefined;
    const key = `${at.doc}#${at.pointer}`;
    if (validators.has(key)) return validators.get(key);
    let v: ValidateFunction | undefined;
    try {
      v = ajv.getSchema(key);
    } catch {
      v = undefined;
    }
    validators.set(key, v);
    return v;
  };
  const locate = (uri: string): Located | undefined => {
    const doc = withoutFragment(uri);
    const fragment = uri.slice(doc.length + 1);
    if (!fragment || fragment.startsWith('/')) {
      const resource = index.resources.get(doc);
      return resource ? { doc: resource.doc, pointer: resource.pointer + fragment } : undefined;
    }
    return index.anchors.get(`${doc}#${fragment}`);
  };
  const target = (full: string): ValidateFunction => {
    const initial = locate(full);
    const fragment = full.slice(withoutFragment(full).length + 1);
    const anchored = initial && (initial as { dynamic?: boolean }).dynamic === true;
    if (anchored) {
      for (const resource of scope) {
        const found = index.anchors.get(`${resource}#${fragment}`);
        if (found?.dynamic) return compiled(found) ?? passAll;
      }
    }
    return compiled(initial) ?? passAll;
  };
  ajv.removeKeyword('$dynamicRef');
  ajv.removeKeyword('$dynamicAnchor');
  ajv.addKeyword({ keyword: '$dynamicAnchor', schemaType: 'string' });
  ajv.addKeyword({
    keyword: SCOPE,
    schemaType: 'string',
    before: '$ref',
    code(cxt: KeywordCxt) {
      const push = cxt.gen.scopeValue('func', { ref: (uri: string) => void scope.push(uri) });
      cxt.gen.code(_`${push}(${cxt.schema as string})`);
    },
  });
  ajv.addKeyword({
    keyword: SCOPE_END,
    schemaType: 'boolean',
    post: true,
    code(cxt: KeywordCxt) {
      const pop = cxt.gen.scopeValue('func', { ref: () => void scope.pop() });
      cxt.gen.code(_`${pop}()`);
    },
  });
  ajv.addKeyword({
    keyword: '$dynamicRef',
    schemaType: 'string',
    code(cxt: KeywordCxt) {
      const { gen, it } = cxt;
      const full = resolveUri(cxt.schema as string, it.baseId) ?? (cxt.schema as string);
      const pick = gen.scopeValue('func', { ref: target });
      const v = gen.const('dynamicTarget', _`${pick}(${full})`);
      callRef(cxt, v);
    },
  });
  return { reset: () => void (scope.length = 0) };
}

const segment = (k: string): string => encodeURIComponent(k.replace(/~/g, '~0').replace(/\//g, '~1'));

/**
 * Record the resources and anchors of a (prepared) 2020-12 document, and mark every subschema of
 * a resource that declares a `$dynamicAnchor`, so that evaluating any of it (the resource's root,
 * or a subschema reached by a `$ref` into it) puts the resource in the dynamic scope.
 */
export function indexDynamic(root: object, doc: string, base: string, index: DynamicIndex): void {
  let budget = 200_000;
  const members: Array<[Record<string, unknown>, string]> = [];
  const declaring = new Set<string>();
  const visit = (s: unknown, pointer: string, resource: string, isRoot: boolean): void => {
    if (!s || typeof s !== 'object' || Array.isArray(s) || budget-- <= 0) return;
    const o = s as Record<string, unknown>;
    let here = resource;
    if (!isRoot && typeof o.$id === 'string' && !o.$id.startsWith('#'))
      here = withoutFragment(resolveUri(o.$id, resource) ?? resource);
    if ((isRoot || here !== resource) && !index.resources.has(here)) index.resources.set(here, { doc, pointer });
    members.push([o, here]);
    if (typeof o.$anchor === 'string' && !index.anchors.get(`${here}#${o.$anchor}`)?.dynamic)
      index.anchors.set(`${here}#${o.$anchor}`, { doc, pointer, dynamic: false });
    if (typeof o.$dynamicAnchor === 'string') {
      index.anchors.set(`${here}#${o.$dynamicAnchor}`, { doc, pointer, dynamic: true });
      declaring.add(here);
    }
    for (const [k, v] of Object.entries(o)) {
      const at = `${pointer}/${segment(k)}`;
      if (LIST.has(k) && Array.isArray(v)) v.forEach((x, i) => visit(x, `${at}/${i}`, here, false));
      else if (ONE.has(k)) visit(v, at, here, false);
      else if (MAP.has(k) && v && typeof v === 'object' && !Array.isArray(v))
        for (const [name, sub] of Object.entries(v)) visit(sub, `${at}/${segment(name)}`, here, false);
    }
  };
  visit(root, '', withoutFragment(base), true);
  for (const [o, resource] of members) {
    if (!declaring.has(resource)) continue;
    o[SCOPE] = resource;
    o[SCOPE_END] = true;
  }
}
