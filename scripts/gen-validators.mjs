// Precompile the bundled schemas: ajv's standalone code of every bundled schema, one module per
// config kind (its `$id` and its format versions) and one for the shared documents, written to
// dist/validators/ with a manifest naming the module of each `$id` and the digest of the schema
// files they come from (the server and the linter use a module only for those very files).
// Runs after `tsc -b` (it uses the compiled core in out/). See core/src/schema/precompile.ts.
//
//   node scripts/gen-validators.mjs [--check]   (--check: fail when dist/validators is missing or stale)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { precompileBundled } = require(path.join(root, 'out/core/src/index.js'));
const { loadBundledSchemas, schemasHash, validatorsDir } = require(path.join(root, 'out/node/src/index.js'));

const schemasDir = path.join(root, 'schemas');
const outDir = validatorsDir(schemasDir);
const hash = schemasHash(schemasDir);

if (process.argv.includes('--check')) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
  } catch {
    console.error(`${path.relative(root, outDir)}: no manifest (run npm run build)`);
    process.exit(1);
  }
  if (manifest.schemasHash !== hash) {
    console.error(`${path.relative(root, outDir)}: generated from other schema files (run npm run build)`);
    process.exit(1);
  }
  process.exit(0);
}

const t0 = performance.now();
const modules = precompileBundled(loadBundledSchemas(schemasDir, { precompiled: false }));
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const manifest = { schemasHash: hash, modules: {} };
let bytes = 0;
for (const m of modules) {
  const source = `"use strict";\nmodule.exports = function (runtime) {\n${m.source}\n};\n`;
  // Minified (every name is local to the function): smaller files load faster and pack smaller.
  const { code } = await esbuild.transform(source, { loader: 'js', format: 'cjs', minify: true, target: 'node20' });
  fs.writeFileSync(path.join(outDir, `${m.name}.js`), code);
  bytes += code.length;
  for (const uri of m.uris) manifest.modules[uri] = m.name;
}
fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`validators: ${modules.length} modules, ${Object.keys(manifest.modules).length} schemas, ${Math.round(bytes / 1024)} KB in ${path.relative(root, outDir)} (${Math.round(performance.now() - t0)} ms)`);
