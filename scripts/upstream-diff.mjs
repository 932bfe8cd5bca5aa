// Compares the keys of the bundled upstream schemas with the yaml tags of the upstream config
// structs, so that a new Prometheus or Alertmanager release is a short list of keys to add.
//
//   npm run upstream:diff -- <checkout or bare mirror>[@ref] ...
//
// Give a Prometheus and/or an Alertmanager repository (a clone or a bare mirror; the module path
// in go.mod tells which), plus prometheus/common and prometheus/sigv4 for the HTTP client, TLS
// and SigV4 structs. Without @ref each repository is read at the release the schema records
// (`x-upstream`); common and sigv4 at the versions the main repository's go.mod requires.
//
// From each schema's root struct (`config.Config`, `rulefmt.RuleGroups`) it follows every field
// whose type is a struct of these modules (pointers, slices and maps too; `,inline` fields merged;
// the service discovery configurations registered with `discovery.RegisterConfig` added as
// `<name>_sd_configs`) and pairs it with the schema node reached by the same keys (`$ref`,
// `allOf`/`anyOf`/`oneOf`, `items`, `additionalProperties` followed). It prints the keys upstream
// has and the schema lacks, and the keys the schema has and upstream lacks (a schema node may
// list keys it keeps on purpose in `x-upstream-extra`). Exit status 1 when there is a difference.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = {
  'github.com/prometheus/prometheus': 'prometheus',
  'github.com/prometheus/alertmanager': 'alertmanager',
  'github.com/prometheus/common': 'common',
  'github.com/prometheus/sigv4': 'sigv4',
};

// ---------------------------------------------------------------------------------------------
// Repositories

function openRepo(spec) {
  const at = spec.lastIndexOf('@');
  const dir = at > 0 ? spec.slice(0, at) : spec;
  const explicitRef = at > 0 ? spec.slice(at + 1) : undefined;
  const bare = !fs.existsSync(path.join(dir, '.git'));
  const git = (...args) =>
    execFileSync('git', [...(bare ? ['--git-dir', dir] : ['-C', dir]), ...args], {
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
  const head = explicitRef ?? 'HEAD';
  const module = /^module\s+(\S+)/m.exec(git('show', `${head}:go.mod`))?.[1];
  const name = MODULES[module];
  if (!name) throw new Error(`${dir}: not one of ${Object.keys(MODULES).join(', ')} (module ${module})`);
  return { name, dir, explicitRef, git };
}

function atRef(repo, ref) {
  const commit = repo.git('rev-parse', `${ref}^{commit}`).trim();
  const cache = new Map();
  return {
    name: repo.name,
    ref,
    commit,
    /** The non-test Go files of a package directory. */
    files(dir) {
      if (!cache.has(dir)) {
        let list = [];
        try {
          list = repo.git('ls-tree', '--name-only', commit, dir + '/').split('\n');
        } catch {
          list = [];
        }
        cache.set(
          dir,
          list
            .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.endsWith('.pb.go'))
            .map((f) => ({ path: f, text: repo.git('show', `${commit}:${f}`) })),
        );
      }
      return cache.get(dir);
    },
    show: (file) => repo.git('show', `${commit}:${file}`),
    grep(pattern, pathspec) {
      try {
        return repo.git('grep', '-n', '-E', pattern, commit, '--', pathspec);
      } catch {
        return '';
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Go sources: struct declarations, their fields and yaml tags

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"`])\/\/[^\n`]*$/gm, '$1');
}

/** `type X struct { ... }` bodies of a file, with nested anonymous structs kept as text. */
function structsOf(text) {
  const out = new Map();
  const src = stripComments(text);
  const re = /\btype\s+([A-Za-z_]\w*)\s+struct\s*\{/g;
  let m;
  while ((m = re.exec(src))) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < src.length && depth > 0; i++) {
      if (src[i] === '`') i = src.indexOf('`', i + 1);
      else if (src[i] === '{') depth++;
      else if (src[i] === '}') depth--;
    }
    out.set(m[1], src.slice(re.lastIndex, i - 1));
  }
  return out;
}

function importsOf(text) {
  const map = new Map();
  const block = /\bimport\s*\(([\s\S]*?)\)/.exec(text)?.[1] ?? /\bimport\s+([^\n]+)/.exec(text)?.[1] ?? '';
  for (const line of block.split('\n')) {
    const m = /^\s*(?:([A-Za-z_]\w*|\.)\s+)?"([^"]+)"/.exec(line);
    if (!m) continue;
    map.set(m[1] ?? m[2].split('/').pop().replace(/^go-/, '').replace(/\.v\d+$/, ''), m[2]);
  }
  return map;
}

/** Fields of a struct body: names, type text, yaml key and options. */
function fieldsOf(body) {
  const fields = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    if (!line) continue;
    // An anonymous struct type: its body spans the following lines.
    if (/\bstruct\s*\{\s*$/.test(line.replace(/`[^`]*`/g, ''))) {
      let depth = 1;
      const inner = [];
      while (++i < lines.length && depth > 0) {
        const l = lines[i];
        depth += (l.match(/\{/g) ?? []).length - (l.match(/\}/g) ?? []).length;
        if (depth > 0) inner.push(l);
        else line = line.replace(/struct\s*\{\s*$/, 'struct{}') + l.trim().replace(/^\}/, '');
      }
      fields.push({ ...parseField(line), anonymous: inner.join('\n') });
      continue;
    }
    const f = parseField(line);
    if (f) fields.push(f);
  }
  return fields.filter(Boolean);
}

function parseField(line) {
  const tagText = /`([^`]*)`/.exec(line)?.[1] ?? '';
  const decl = line.replace(/`[^`]*`/, '').trim();
  if (!decl) return undefined;
  const yamlTag = /(?:^|\s)yaml:"([^"]*)"/.exec(tagText)?.[1];
  const [tagName, ...opts] = (yamlTag ?? '').split(',');
  const m = /^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+(\S.*)$/.exec(decl);
  if (!m) return { embedded: true, type: decl, tagName, opts, hasTag: yamlTag !== undefined };
  return { names: m[1].split(/\s*,\s*/), type: m[2].trim(), tagName, opts, hasTag: yamlTag !== undefined };
}

/** `*[]map[string]*pkg.T` → container and base type. */
function typeShape(type) {
  let t = type.trim();
  let container = '';
  for (;;) {
    if (t.startsWith('*')) t = t.slice(1);
    else if (t.startsWith('[]')) {
      container ||= 'slice';
      t = t.slice(2);
    } else if (t.startsWith('map[')) {
      let depth = 0;
      let i = 3;
      for (; i < t.length; i++) {
        if (t[i] === '[') depth++;
        else if (t[i] === ']' && --depth === 0) break;
      }
      container ||= 'map';
      t = t.slice(i + 1);
    } else break;
  }
  return { container, base: t };
}

// ---------------------------------------------------------------------------------------------
// The Go type graph across modules

class Universe {
  constructor(repos) {
    this.repos = repos; // name → atRef
    this.packages = new Map();
  }
  /** A package by import path, when its module is one we read. */
  pkg(importPath) {
    if (this.packages.has(importPath)) return this.packages.get(importPath);
    let found;
    for (const [mod, name] of Object.entries(MODULES)) {
      if (importPath !== mod && !importPath.startsWith(mod + '/')) continue;
      const repo = this.repos[name];
      if (!repo) break;
      const dir = importPath === mod ? '.' : importPath.slice(mod.length + 1);
      const structs = new Map();
      const methods = new Map();
      for (const f of repo.files(dir)) {
        const imports = importsOf(f.text);
        for (const [n, body] of structsOf(f.text)) structs.set(n, { body, imports, file: f.path });
        for (const mm of f.text.matchAll(/^func \(\s*\w*\s*\*?(\w+)\)\s*UnmarshalYAML\(.*$/gm)) {
          const end = f.text.indexOf('\n}', mm.index);
          methods.set(mm[1], f.text.slice(mm.index, end < 0 ? undefined : end));
        }
      }
      found = { importPath, repo, dir, structs, methods };
      break;
    }
    this.packages.set(importPath, found);
    return found;
  }
  /** The struct a type name refers to from a package, or undefined for scalars and foreign types. */
  resolve(ctx, base) {
    const dot = base.indexOf('.');
    const p = dot < 0 ? ctx.self : this.pkg(ctx.imports.get(base.slice(0, dot)) ?? '');
    const name = dot < 0 ? base : base.slice(dot + 1);
    const s = p?.structs.get(name);
    return s ? { pkg: p, name, ...s } : undefined;
  }
}

/**
 * The YAML keys of a struct: own tagged fields, inline embedded structs merged. A struct whose
 * UnmarshalYAML reads something other than its own fields (no `type plain`) is a scalar or a
 * shape of its own: it has no keys to compare.
 */
function keysOf(universe, struct, registry, seen = new Set()) {
  const id = struct.pkg.importPath + '.' + struct.name;
  const keys = new Map();
  if (seen.has(id)) return keys;
  seen.add(id);
  const fileCtx = { self: struct.pkg, imports: struct.imports };
  const fields = fieldsOf(struct.body);
  // A struct without yaml tags is read by its lowercased field names (yaml.v2's default); in a
  // tagged struct, untagged exported fields hold runtime state (an HTTP client for tests, …).
  const tagged = fields.some((f) => f.hasTag);
  for (const f of fields) {
    if (f.tagName === '-' && !/\bdiscovery\.Configs$/.test(f.type)) continue;
    if (f.embedded || f.opts?.includes('inline')) {
      const { container, base } = typeShape(f.type);
      const inner = universe.resolve(fileCtx, base);
      // An inline map: the struct is a mapping of user keys (header names, …) to `inner`.
      if (container === 'map') {
        keys.set('*', { container: 'map', struct: inner, go: `${struct.name}.${f.names?.[0] ?? base}` });
        continue;
      }
      if (inner) for (const [k, v] of keysOf(universe, inner, registry, seen)) keys.set(k, v);
      continue;
    }
    if (/\bdiscovery\.Configs$/.test(f.type)) {
      for (const sd of registry) keys.set(`${sd.name}_sd_configs`, { container: 'slice', struct: sd.struct, go: sd.goName });
      keys.set('static_configs', { container: 'slice', struct: undefined, go: 'targetgroup.Group' });
      continue;
    }
    if (tagged && !f.hasTag) continue;
    for (const name of f.names ?? []) {
      if (!/^[A-Z]/.test(name)) continue;
      const key = f.tagName || name.toLowerCase();
      const { container, base } = typeShape(f.type);
      const anonymous = f.anonymous !== undefined ? { pkg: struct.pkg, name: name + '{}', body: f.anonymous, imports: struct.imports } : undefined;
      const inner = anonymous ?? universe.resolve(fileCtx, base);
      const custom = inner && inner.pkg.methods.get(inner.name);
      const opaque = custom !== undefined && !/\btype\s+plain\b/.test(custom);
      keys.set(key, { container, struct: opaque ? undefined : inner, go: `${struct.name}.${name}` });
    }
  }
  return keys;
}

/** The service discovery configurations a Prometheus tree registers, by name. */
function sdRegistry(universe, prom) {
  const out = [];
  const names = prom.grep('Name\\(\\) string', 'discovery');
  const byType = new Map();
  for (const line of names.split('\n')) {
    const m = /^[^:]+:(discovery\/[^:]+):(\d+):func \(\s*\*?(\w+)\)\s*Name\(\) string/.exec(line);
    if (!m) continue;
    const file = m[1];
    const lines = prom.show(file).split('\n');
    const body = lines.slice(Number(m[2]) - 1, Number(m[2]) + 3).join('\n');
    const value = /return\s+"([\w-]+)"/.exec(body)?.[1];
    if (value && value !== 'static') byType.set(path.dirname(file) + '.' + m[3], value);
  }
  const regs = prom.grep('RegisterConfig\\(', 'discovery');
  const seen = new Set();
  for (const line of regs.split('\n')) {
    const m = /^[^:]+:(discovery\/[^:]+):\d+:.*RegisterConfig\(&?(\w+)\{/.exec(line);
    if (!m) continue;
    const dir = path.dirname(m[1]);
    const name = byType.get(dir + '.' + m[2]);
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const pkg = universe.pkg('github.com/prometheus/prometheus/' + dir);
    const s = pkg?.structs.get(m[2]);
    out.push({ name, goName: `${dir}.${m[2]}`, struct: s ? { pkg, name: m[2], ...s } : undefined });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Schemas

function deref(schema, node, depth = 0) {
  if (!node || typeof node !== 'object' || depth > 20) return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
    const target = node.$ref
      .slice(2)
      .split('/')
      .filter(Boolean)
      .reduce((n, seg) => n?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')], schema);
    return deref(schema, target, depth + 1);
  }
  return node;
}

/** Every schema object that applies to a value at a node: itself, `$ref`s and combinator branches. */
function branches(schema, node, out = [], depth = 0) {
  node = deref(schema, node);
  if (!node || typeof node !== 'object' || depth > 20 || out.includes(node)) return out;
  out.push(node);
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    for (const b of Array.isArray(node[k]) ? node[k] : []) branches(schema, b, out, depth + 1);
  for (const k of ['then', 'else']) if (node[k]) branches(schema, node[k], out, depth + 1);
  return out;
}

function schemaKeys(schema, node) {
  const keys = new Map();
  const extra = new Set();
  for (const b of branches(schema, node)) {
    for (const [k, v] of Object.entries(b.properties ?? {})) if (!keys.has(k)) keys.set(k, v);
    for (const k of Array.isArray(b['x-upstream-extra']) ? b['x-upstream-extra'] : []) extra.add(k);
  }
  return { keys, extra };
}

function childNode(schema, node, container) {
  const list = branches(schema, node);
  if (container === 'slice') {
    const items = list.map((b) => b.items).find((i) => i && typeof i === 'object' && !Array.isArray(i));
    return items;
  }
  if (container === 'map') {
    const ap = list.map((b) => b.additionalProperties).find((a) => a && typeof a === 'object');
    if (ap) return ap;
    const pp = list.map((b) => b.patternProperties).find((p) => p && typeof p === 'object');
    return pp ? Object.values(pp)[0] : undefined;
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// The comparison

function compare(universe, registry, rootStruct, schema) {
  const missing = [];
  const extra = [];
  // A struct and a schema node compared once: a shared definition (the HTTP client of every
  // service discovery, …) is reported at the first path that reaches it.
  const visited = new Map();
  const walk = (struct, node, where) => {
    const id = struct.pkg.importPath + '.' + struct.name;
    const resolved = deref(schema, node);
    let seen = visited.get(resolved);
    if (!seen) visited.set(resolved, (seen = new Set()));
    if (seen.has(id) || where.split('.').length > 12) return;
    seen.add(id);
    const goKeys = keysOf(universe, struct, registry);
    const mapOf = goKeys.get('*');
    if (mapOf && goKeys.size === 1) {
      const values = childNode(schema, node, 'map');
      if (mapOf.struct && values) walk(mapOf.struct, values, `${where}.*`);
      else if (!values) missing.push({ at: `${where}.*`, go: mapOf.go });
      return;
    }
    const { keys: sKeys, extra: allowed } = schemaKeys(schema, node);
    for (const [k, info] of goKeys) {
      const at = where ? `${where}.${k}` : k;
      if (!sKeys.has(k)) {
        missing.push({ at, go: info.go });
        continue;
      }
      if (!info.struct) continue;
      const child = childNode(schema, sKeys.get(k), info.container);
      if (child) walk(info.struct, child, at + (info.container === 'slice' ? '[]' : info.container === 'map' ? '.*' : ''));
    }
    for (const k of sKeys.keys())
      if (!goKeys.has(k) && !allowed.has(k)) extra.push({ at: where ? `${where}.${k}` : k, go: struct.name });
  };
  walk(rootStruct, schema, '');
  return { missing, extra };
}

function report(title, { missing, extra }) {
  console.log(`\n${title}`);
  if (!missing.length && !extra.length) console.log('  the schema has exactly the upstream keys');
  if (missing.length) {
    console.log(`  upstream keys the schema lacks (${missing.length}):`);
    for (const m of missing) console.log(`    ${m.at}  (${m.go})`);
  }
  if (extra.length) {
    console.log(`  schema keys upstream does not have (${extra.length}):`);
    for (const e of extra) console.log(`    ${e.at}  (not in ${e.go})`);
  }
  return missing.length + extra.length;
}

// ---------------------------------------------------------------------------------------------

function readSchema(file) {
  return JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'upstream', file), 'utf8'));
}

function goModVersion(repo, module) {
  return new RegExp(`^\\s*${module.replace(/\./g, '\\.')}\\s+(v\\S+)`, 'm').exec(repo.show('go.mod'))?.[1];
}

function main() {
  const specs = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (specs.length === 0) {
    console.error('usage: npm run upstream:diff -- <prometheus|alertmanager|common|sigv4 checkout or mirror>[@ref] ...');
    process.exit(2);
  }
  const opened = Object.fromEntries(specs.map(openRepo).map((r) => [r.name, r]));
  const schemas = {
    prometheus: { file: 'prometheus.schema.json', rules: 'prometheus-rules.schema.json' },
    alertmanager: { file: 'alertmanager.schema.json' },
  };
  let differences = 0;
  for (const main of ['prometheus', 'alertmanager']) {
    const repo = opened[main];
    if (!repo) continue;
    const schema = readSchema(schemas[main].file);
    const ref = repo.explicitRef ?? schema['x-upstream']?.release;
    if (!ref) throw new Error(`${schemas[main].file} records no x-upstream.release: give ${main}@<ref>`);
    const primary = atRef(repo, ref);
    const repos = { [main]: primary };
    for (const dep of ['common', 'sigv4']) {
      if (!opened[dep]) {
        console.log(`(no prometheus/${dep} given: its structs are not followed)`);
        continue;
      }
      const version = opened[dep].explicitRef ?? goModVersion(primary, `github.com/prometheus/${dep}`);
      if (!version) {
        console.log(`(${main} ${ref} does not require github.com/prometheus/${dep}: not followed)`);
        continue;
      }
      repos[dep] = atRef(opened[dep], version);
    }
    const universe = new Universe(repos);
    const registry = main === 'prometheus' ? sdRegistry(universe, primary) : [];
    const versions = Object.values(repos)
      .map((r) => `${r.name} ${r.ref} (${r.commit.slice(0, 12)})`)
      .join(', ');
    const module = main === 'prometheus' ? 'prometheus/prometheus' : 'prometheus/alertmanager';
    const roots = [[schemas[main].file, 'config', 'Config', registry]];
    if (schemas[main].rules) roots.push([schemas[main].rules, 'model/rulefmt', 'RuleGroups', []]);
    for (const [file, dir, name, sds] of roots) {
      const pkg = universe.pkg(`github.com/${module}/${dir}`);
      const found = pkg?.structs.get(name);
      if (!found) {
        console.log(`\n${file} against ${versions}\n  no struct ${name} in ${dir}: nothing compared`);
        differences++;
        continue;
      }
      const root = { pkg, name, ...found };
      differences += report(`${file} against ${versions}`, compare(universe, sds, root, readSchema(file)));
    }
  }
  process.exitCode = differences ? 1 : 0;
}

main();
