// The packaged extension: at most 2.5 MB (2 MB before the precompiled validators, about 0.4 MB
// zipped, and the analysis worker's bundle, which still repeats the core), with README, CHANGELOG, LICENSE, third-party notices,
// the bundles and the schemas. A .vsix is a zip; its central directory lists the files.
import { readFileSync, statSync } from 'node:fs';

const file = process.argv[2] ?? 'dist/tenant-config.vsix';
const size = statSync(file).size;
const buf = readFileSync(file);
const names = [];
for (let i = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), off = buf.readUInt32LE(i + 16), n = buf.readUInt16LE(i + 10); n > 0; n--) {
  const len = buf.readUInt16LE(off + 28);
  names.push(buf.toString('utf8', off + 46, off + 46 + len));
  off += 46 + len + buf.readUInt16LE(off + 30) + buf.readUInt16LE(off + 32);
}
const required = ['extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/THIRD_PARTY_NOTICES.md', 'extension/dist/server.js', 'extension/dist/serverMain.js', 'extension/dist/serverEngine.js', 'extension/dist/indexWorker.js', 'extension/dist/analysisWorker.js', 'extension/dist/client.js', 'extension/dist/validators/manifest.json', 'extension/dist/validators/tenant.js', 'extension/schemas/catalog.json', 'extension/docs/diagnostics.md', 'extension/docs/images/quickfix.png'];
const lower = new Set(names.map((n) => n.toLowerCase()));
const missing = required.filter((r) => !lower.has(r.toLowerCase()));
const problems = [];
if (size > 2.5 * 1024 * 1024) problems.push(`${file} is ${(size / 1048576).toFixed(2)} MB, over 2.5 MB`);
if (missing.length) problems.push(`${file} lacks ${missing.join(', ')}`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${file}: ${(size / 1048576).toFixed(2)} MB, ${names.length} files, all required files present`);
