#!/usr/bin/env node
// Compiles the migrations in schemas/migrations/<kind>/<from>-<to>.yaml, and documents them:
//
//   core/src/migrate/migrations.json  the data the engine runs (the core reads no files)
//   docs/migrations.md                 every migration and step, with the notes of the YAML files
//   schemas/CHANGELOG.md               the format versions of our own kinds, newest first
//
//   node scripts/gen-migrations.mjs          write the three files
//   node scripts/gen-migrations.mjs --check  exit 1 when one of them is missing or stale
//
// Each file is checked before anything is written: known kind and operation, the fields each
// operation needs, unique step ids, own-kind versions consecutive and listed in the catalog.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const DIR = path.join(SCHEMAS, 'migrations');
const OUT_JSON = path.join(ROOT, 'core', 'src', 'migrate', 'migrations.json');
const OUT_DOC = path.join(ROOT, 'docs', 'migrations.md');
const OUT_LOG = path.join(SCHEMAS, 'CHANGELOG.md');

const OPS = {
  rename: ['to'],
  move: ['to'],
  map: ['values'],
  merge: ['from', 'into'],
  set: ['key', 'value'],
  delete: [],
  manual: ['reason'],
  'rename-function': ['from', 'to'],
};
const STEP_KEYS = new Set(['id', 'op', 'at', 'note', 'code', 'if', 'to', 'values', 'requires', 'merge', 'keepOldAs', 'from', 'into', 'key', 'value', 'atLeast', 'first', 'reason']);

const rel = (f) => path.relative(ROOT, f).split(path.sep).join('/');
const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

function fail(file, message) {
  throw new Error(`${rel(file)}: ${message}`);
}

function load(catalog) {
  const kinds = new Map(catalog.schemas.map((e) => [e.id, e]));
  const migrations = [];
  for (const kind of fs.readdirSync(DIR).sort()) {
    const dir = path.join(DIR, kind);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const m = /^(.+)-(.+)\.yaml$/.exec(name);
      if (!m) fail(file, 'expected <from>-<to>.yaml');
      const data = parse(fs.readFileSync(file, 'utf8'));
      if (data.kind !== kind) fail(file, `kind must be ${kind}`);
      if (!kinds.has(kind)) fail(file, `${kind} is not a kind of schemas/catalog.json`);
      if (String(data.from) !== m[1] || String(data.to) !== m[2]) fail(file, 'from and to must match the file name');
      if (typeof data.summary !== 'string' || !data.summary.trim()) fail(file, 'summary is required');
      if (!Array.isArray(data.steps) || data.steps.length === 0) fail(file, 'steps are required');
      const ids = new Set();
      for (const s of data.steps) {
        if (!s || typeof s.id !== 'string' || ids.has(s.id)) fail(file, `step ids must be unique strings (${s?.id})`);
        ids.add(s.id);
        if (!(s.op in OPS)) fail(file, `${s.id}: unknown op ${s.op}`);
        for (const k of Object.keys(s)) if (!STEP_KEYS.has(k)) fail(file, `${s.id}: unknown field ${k}`);
        for (const k of OPS[s.op]) if (s[k] === undefined) fail(file, `${s.id}: ${s.op} needs ${k}`);
        if (!Array.isArray(s.at)) fail(file, `${s.id}: at must be a path pattern`);
        if (typeof s.note !== 'string' || !s.note.trim()) fail(file, `${s.id}: note is required`);
        if (kinds.get(kind).upstream && typeof s.code !== 'string') fail(file, `${s.id}: upstream steps name their code`);
      }
      const out = { id: `${kind}/${data.from}-${data.to}`, kind, from: String(data.from), to: String(data.to) };
      out.summary = oneLine(data.summary);
      if (data.safe === true) out.safe = true;
      out.steps = data.steps.map((s) => ({ ...s, note: oneLine(s.note) }));
      migrations.push({ ...out, details: data.details ? String(data.details).trim() : undefined, file: rel(file) });
    }
  }
  const versions = {};
  for (const e of catalog.schemas) {
    if (!e.versions) continue;
    versions[e.id] = e.versions.map((v) => v.version);
    for (let i = 1; i < versions[e.id].length; i++) {
      const [from, to] = [versions[e.id][i - 1], versions[e.id][i]];
      if (!migrations.some((x) => x.kind === e.id && x.from === from && x.to === to))
        throw new Error(`${e.id}: no migration ${from}-${to} in schemas/migrations/${e.id}/`);
    }
  }
  for (const x of migrations) {
    const own = versions[x.kind];
    if (own && (!own.includes(x.from) || !own.includes(x.to)))
      throw new Error(`${x.file}: versions ${x.from}-${x.to} are not in the catalog`);
  }
  return { versions, migrations };
}

const OP_TEXT = {
  rename: (s) => `rename to \`${s.to}\`${s.values ? ' (values mapped)' : ''}`,
  move: (s) => `move to \`${s.to.join('.')}\``,
  map: (s) => `map values${s.keepOldAs ? `, old value kept in \`${s.keepOldAs}\`` : ''}`,
  merge: (s) => `merge ${s.from.map((f) => `\`${f.key}\``).join(', ')} into \`${s.into}\``,
  set: (s) => `set \`${s.key}\` to \`${JSON.stringify(s.value)}\``,
  delete: () => 'delete',
  manual: () => 'stop and ask (no mechanical equivalent)',
  'rename-function': (s) => `rename the PromQL function \`${s.from}\` to \`${s.to}\``,
};

function pattern(at) {
  return at
    .map((seg) => (typeof seg === 'string' ? seg : `(${pattern(seg.each)})*`))
    .join('.')
    .replace(/^$/, '(document)');
}

function renderDoc({ migrations }, catalog) {
  const own = migrations.filter((m) => !catalog.schemas.find((e) => e.id === m.kind).upstream);
  const upstream = migrations.filter((m) => !own.includes(m));
  const lines = [
    '# Migrations',
    '',
    '<!-- Generated by scripts/gen-migrations.mjs from schemas/migrations/; do not edit by hand. -->',
    '',
    'A migration upgrades a configuration file to a newer format with minimal text edits: comments, key',
    'order, anchors and the formatting of untouched lines stay as they are, and running it again changes',
    'nothing. It never guesses: a value that changes meaning is mapped explicitly (every mapping is listed',
    'below), and where there is no mechanical equivalent the migration stops and says what to decide.',
    'Its result is validated before it is offered or written: it must have no problem the file did not',
    'have already.',
    '',
    'Each of our own kinds has numbered format versions (`schemas/<kind>.v<N>.schema.json`, `$id`',
    '`https://schemas.tenant-config.dev/<kind>.v<N>.schema.json`). A file declares its version in',
    '`schema_version` (version 1 when absent) and is validated against it; an older version is reported',
    'as `schema.outdated-version`. Steps compose: a file two versions behind runs both migrations in turn.',
    'Upstream formats have no version of ours: their migrations apply wherever the old shape is found, and',
    'each old shape is reported with its own code.',
    '',
    'Three ways to run them, one engine:',
    '',
    '- the quick fix "Migrate this file to version N" on `schema.outdated-version`, and the quick fix of',
    '  each deprecated key and legacy shape (that step only);',
    '- the command "Migrate workspace to the latest schemas", which shows every change as a preview to',
    '  confirm;',
    '- `tenant-config migrate <paths> [--to N] [--dry-run | --check]`: writes the files, or shows the',
    '  changes (`--dry-run`), or exits 1 when a file is not at the latest version (`--check`, for CI).',
    '',
    'Migrations are data: `schemas/migrations/<kind>/<from>-<to>.yaml`, a list of steps. Operations:',
    '`rename` (optionally mapping every value), `move` (under another key), `map` (values in place),',
    '`merge` (label maps into one list of matchers), `set`, `delete`, `manual` (stop and ask) and',
    '`rename-function` (in PromQL). Paths are patterns: `*` is any key or item, `(…)*` repeats.',
    '',
  ];
  const section = (title, list) => {
    lines.push(`## ${title}`, '');
    for (const m of list) {
      lines.push(`### ${m.kind} ${m.from} → ${m.to}`, '');
      lines.push(`${m.summary} (\`${m.file}\`${m.safe ? '' : '; quick fixes offered, not applied by fix-all'})`, '');
      lines.push('| Step | Where | What |', '|---|---|---|');
      for (const s of m.steps)
        lines.push(`| \`${s.id}\` | \`${pattern(s.at)}\` | ${OP_TEXT[s.op](s)}${s.code ? ` (\`${s.code}\`)` : ''} |`);
      lines.push('');
      for (const s of m.steps) lines.push(`- \`${s.id}\`: ${s.note}`);
      lines.push('');
      if (m.details) lines.push(m.details, '');
    }
  };
  section('Our kinds', own);
  section('Upstream formats', upstream);
  return lines.join('\n').replace(/\n+$/, '\n');
}

function renderChangelog({ migrations, versions }) {
  const lines = [
    '# Schema changelog',
    '',
    '<!-- Generated by scripts/gen-migrations.mjs from schemas/migrations/; do not edit by hand. -->',
    '',
    'Format versions of our own kinds. A file declares its version in `schema_version` (1 when absent);',
    'every version stays supported, and `tenant-config migrate` upgrades a file (see docs/migrations.md).',
    '',
  ];
  for (const kind of Object.keys(versions).sort()) {
    lines.push(`## ${kind}`, '');
    const list = [...versions[kind]].reverse();
    for (const v of list) {
      const m = migrations.find((x) => x.kind === kind && x.to === v);
      lines.push(`### ${v}${v === versions[kind][versions[kind].length - 1] ? ' (current)' : ''}`, '');
      if (!m) {
        lines.push('The first format.', '');
        continue;
      }
      lines.push(`${m.summary} Breaking changes from version ${m.from}:`, '');
      for (const s of m.steps) lines.push(`- ${s.note}`);
      lines.push('');
    }
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}

function main() {
  const check = process.argv.includes('--check');
  const catalog = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'catalog.json'), 'utf8'));
  const set = load(catalog);
  const json = {
    $comment: 'Generated by scripts/gen-migrations.mjs from schemas/migrations/; do not edit by hand.',
    versions: set.versions,
    migrations: set.migrations.map(({ details: _d, file: _f, ...m }) => m),
  };
  const outputs = [
    [OUT_JSON, JSON.stringify(json, null, 2) + '\n'],
    [OUT_DOC, renderDoc(set, catalog)],
    [OUT_LOG, renderChangelog(set)],
  ];
  let stale = 0;
  for (const [file, text] of outputs) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (current === text) continue;
    if (check) {
      process.stderr.write(`${rel(file)} is ${current === null ? 'missing' : 'stale'}; run: node scripts/gen-migrations.mjs\n`);
      stale++;
    } else {
      fs.writeFileSync(file, text);
      process.stdout.write(`wrote ${rel(file)}\n`);
    }
  }
  if (stale) process.exit(1);
  if (check) process.stdout.write(`migrations are up to date (${set.migrations.length} migrations)\n`);
}

main();
