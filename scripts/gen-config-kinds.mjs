#!/usr/bin/env node
// Generates docs/config-kinds.md from schemas/catalog.json and the bundled schemas.
//
//   node scripts/gen-config-kinds.mjs          write docs/config-kinds.md
//   node scripts/gen-config-kinds.mjs --check  exit 1 when docs/config-kinds.md is missing or stale
//
// Plain Node ESM, no dependencies. The output is deterministic (no dates) so --check can run in CI.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const OUT = path.join(ROOT, 'docs', 'config-kinds.md');
const OUT_REL = path.relative(ROOT, OUT).split(path.sep).join('/');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Load every schema of the catalog plus common.schema.json, keyed by $id. */
function loadSchemas(catalog) {
  const byId = new Map();
  const files = [
    'common.schema.json',
    ...catalog.schemas.map((s) => s.file),
    ...catalog.schemas.flatMap((s) => (s.versions || []).map((v) => v.file)),
  ];
  for (const file of files) {
    const schema = readJson(path.join(SCHEMAS, file));
    if (schema.$id) byId.set(schema.$id, schema);
  }
  return byId;
}

function decodePointer(pointer) {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Resolve a $ref relative to the schema it appears in; returns { schema, root } or undefined. */
function resolveRef(ref, root, byId) {
  const url = new URL(ref, root.$id);
  const fragment = url.hash.slice(1);
  url.hash = '';
  const target = byId.get(url.href);
  if (!target) return undefined;
  let node = target;
  for (const part of decodePointer(fragment)) {
    if (node === undefined || node === null) return undefined;
    node = node[part];
  }
  return node === undefined ? undefined : { schema: node, root: target };
}

/** Follow a chain of $ref (and single-entry allOf wrappers) to the schema that carries the keywords. */
function deref(schema, root, byId, depth = 0) {
  if (!schema || typeof schema !== 'object' || depth > 10) return { schema, root };
  if (typeof schema.$ref === 'string') {
    const hit = resolveRef(schema.$ref, root, byId);
    if (hit) return deref(hit.schema, hit.root, byId, depth + 1);
  }
  return { schema, root };
}

function oneLine(text) {
  if (typeof text !== 'string' || !text.trim()) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  // First sentence: up to ". " followed by an upper-case letter, a backtick or a quote.
  const m = /^(.+?[.!?])\s+(?=[A-Z`"(])/.exec(flat);
  const first = m ? m[1] : flat;
  return first.length > 220 ? `${first.slice(0, 217).trimEnd()}...` : first;
}

function escapeCell(text) {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A short human-readable type for a property schema. */
function describeType(prop, root, byId) {
  if (!prop || typeof prop !== 'object') return '';
  if (typeof prop.$ref === 'string') {
    const name = prop.$ref.split('/').pop();
    const { schema } = deref(prop, root, byId);
    if (schema && Array.isArray(schema.enum) && schema.enum.length <= 6) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
    // Shared value types keep their short definition name (duration, secret_ref, ...); structures use their title.
    const common = prop.$ref.startsWith('common.schema.json#');
    if (!common && schema && typeof schema.title === 'string' && schema.title) return schema.title.toLowerCase();
    return name;
  }
  if (Array.isArray(prop.enum)) {
    return prop.enum.length <= 6 ? prop.enum.map((v) => JSON.stringify(v)).join(' \\| ') : `enum (${prop.enum.length} values)`;
  }
  if (prop.const !== undefined) return JSON.stringify(prop.const);
  const variants = prop.anyOf || prop.oneOf;
  if (Array.isArray(variants)) {
    return [...new Set(variants.map((v) => describeType(v, root, byId)).filter(Boolean))].join(' or ');
  }
  const types = Array.isArray(prop.type) ? prop.type.filter((t) => t !== 'null') : prop.type ? [prop.type] : [];
  if (!types.length && Array.isArray(prop.allOf) && prop.allOf.length) return describeType(prop.allOf[0], root, byId);
  if (types.length === 1 && types[0] === 'array' && prop.items) {
    const inner = describeType(prop.items, root, byId);
    return inner ? `list of ${inner}` : 'list';
  }
  if (types.length === 1 && types[0] === 'object' && !prop.properties && (prop.additionalProperties || prop.patternProperties)) return 'map';
  return types.join(' or ');
}

/** The schema of the current format: the latest version of an own kind, the upstream schema otherwise. */
function currentUri(entry) {
  const latest = (entry.versions || []).find((v) => v.version === entry.latestVersion);
  return latest ? latest.uri : entry.uri;
}

function topLevel(entry, byId) {
  const declared = byId.get(currentUri(entry));
  if (!declared) throw new Error(`schema ${entry.uri} (${entry.file}) not loaded`);
  const { schema, root } = deref(declared, declared, byId);
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const rows = [];
  for (const [key, raw] of Object.entries(schema.properties || {})) {
    const { schema: target } = deref(raw, root, byId);
    let description = oneLine(raw.description) || oneLine(target && target.description) || oneLine(raw.title) || oneLine(target && target.title);
    if (raw.deprecationMessage) {
      const replacement = raw['x-replacement'];
      description = replacement
        ? `**Deprecated**, use \`${replacement}\`. ${description}`.trim()
        : `**Deprecated**. ${oneLine(raw.deprecationMessage)}`;
    }
    rows.push({ key, type: describeType(raw, root, byId), required: required.has(key), description });
  }
  return rows;
}

function render(catalog, byId) {
  const lines = [];
  lines.push('# Configuration kinds');
  lines.push('');
  lines.push(`<!-- Generated by scripts/gen-config-kinds.mjs from schemas/catalog.json; do not edit by hand. -->`);
  lines.push('<!-- Regenerate with `node scripts/gen-config-kinds.mjs`; CI runs it with --check. -->');
  lines.push('');
  lines.push('Every file is associated with a kind by its name: each pattern is matched against the file name and also as `**/<pattern>`.');
  lines.push('Schemas live in `schemas/` (JSON Schema draft-07); upstream schemas in `schemas/upstream/` keep their Apache-2.0 license (see `THIRD_PARTY_NOTICES.md`).');
  lines.push('');
  lines.push('| Kind | Title | File patterns | Schema |');
  lines.push('|---|---|---|---|');
  for (const entry of catalog.schemas) {
    const patterns = entry.fileMatch.map((g) => `\`${g}\``).join(', ');
    lines.push(`| [\`${entry.id}\`](#${entry.id}) | ${escapeCell(entry.title)} | ${patterns} | \`schemas/${entry.file}\`${entry.upstream ? ' (upstream)' : ''} |`);
  }
  lines.push('');
  for (const entry of catalog.schemas) {
    lines.push(`## ${entry.id}`);
    lines.push('');
    lines.push(`**${entry.title}**${entry.upstream ? ' (upstream schema)' : ''}. ${entry.description}`);
    lines.push('');
    lines.push(`- Schema: \`schemas/${entry.file}\` (\`${entry.uri}\`)`);
    lines.push(`- File patterns: ${entry.fileMatch.map((g) => `\`${g}\``).join(', ')}`);
    if (entry.versions && entry.versions.length) {
      const list = entry.versions.map((v) => (v.version === entry.latestVersion ? `${v.version} (current)` : v.version));
      lines.push(
        `- Format versions: ${list.join(', ')}; a file is validated against the version in its \`schema_version\` (1 when absent), and [migrated](migrations.md) with \`tenant-config migrate\`. The keys below are those of version ${entry.latestVersion}.`,
      );
    }
    const declared = byId.get(entry.uri);
    if (declared && declared.$comment) lines.push(`- Provenance: ${oneLine(declared.$comment.split(': ')[0])}`);
    lines.push('');
    const rows = topLevel(entry, byId);
    if (rows.length) {
      lines.push('| Key | Type | Required | Description |');
      lines.push('|---|---|---|---|');
      for (const row of rows) {
        lines.push(`| \`${row.key}\` | ${escapeCell(row.type) || ' '} | ${row.required ? 'yes' : ''} | ${escapeCell(row.description) || ' '} |`);
      }
      lines.push('');
    }
  }
  return lines.join('\n').replace(/\\\\\|/g, '\\|');
}

function main() {
  const check = process.argv.includes('--check');
  const catalog = readJson(path.join(SCHEMAS, 'catalog.json'));
  const byId = loadSchemas(catalog);
  const text = render(catalog, byId);
  if (check) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : null;
    if (current !== text) {
      process.stderr.write(
        current === null
          ? `${OUT_REL} is missing; run: node scripts/gen-config-kinds.mjs\n`
          : `${OUT_REL} is stale (schemas or catalog changed); run: node scripts/gen-config-kinds.mjs\n`,
      );
      process.exit(1);
    }
    process.stdout.write(`${OUT_REL} is up to date (${catalog.schemas.length} kinds).\n`);
    return;
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  process.stdout.write(`wrote ${OUT_REL} (${catalog.schemas.length} kinds)\n`);
}

main();
