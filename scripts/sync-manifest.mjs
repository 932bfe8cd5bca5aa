// Keep the manifest's language file patterns in step with schemas/catalog.json.
// `node scripts/sync-manifest.mjs` rewrites package.json; `--check` exits 1 when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const catalog = JSON.parse(readFileSync('schemas/catalog.json', 'utf8')).schemas;
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const yaml = [];
const json = [];
for (const entry of catalog) for (const glob of entry.fileMatch) (glob.endsWith('.json') ? json : yaml).push(glob);
const langs = pkg.contributes.languages;
const byId = Object.fromEntries(langs.map((l) => [l.id, l]));
const want = { 'tenant-yaml': yaml, 'tenant-json': json };
let stale = false;
for (const [id, patterns] of Object.entries(want)) {
  if (JSON.stringify(byId[id].filenamePatterns) !== JSON.stringify(patterns)) {
    stale = true;
    byId[id].filenamePatterns = patterns;
  }
}
if (process.argv.includes('--check')) {
  if (stale) {
    console.error('package.json language file patterns differ from schemas/catalog.json: run node scripts/sync-manifest.mjs');
    process.exit(1);
  }
} else if (stale) {
  writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
  console.log('package.json updated');
}
