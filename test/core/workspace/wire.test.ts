import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../../core/src/languageService';
import {
  createWorkspaceIndex,
  extractFile,
  factsFromWire,
  factsToWire,
  wireTransfer,
} from '../../../core/src/workspace/index';
import { exampleFiles, kindOf, uri, Ws } from './helpers';

/** Facts as an indexing worker sends them: to wire, through structured clone (buffers transferred), back. */
function roundTrip(name: string, text: string) {
  const facts = extractFile(uri(name), kindOf(name), parseText(text, name.endsWith('.json') ? 'json' : 'yaml'));
  const wire = factsToWire(facts);
  return { facts, back: factsFromWire(structuredClone(wire, { transfer: wireTransfer(wire) })) };
}

const plain = (o: { [k: string]: unknown }) => ({
  ns: o.ns,
  role: o.role,
  name: o.name,
  offset: o.offset,
  length: o.length,
  path: o.path,
  part: o.part,
  style: o.style,
  key: o.key,
  go: o.go,
  whole: o.whole,
  exact: o.exact,
  owner: o.owner,
  unchecked: o.unchecked,
  severity: o.severity,
});

test('facts survive the worker wire unchanged: every occurrence field, paths, slots, localization, line starts', () => {
  const files = exampleFiles(true);
  let occurrences = 0;
  for (const [name, text] of Object.entries(files)) {
    const { facts, back } = roundTrip(name, text);
    occurrences += facts.occurrences.length;
    assert.deepEqual(
      back.occurrences.map((o) => plain(o as never)),
      facts.occurrences.map((o) => plain(o as never)),
      name,
    );
    const { occurrences: _a, ...rest } = facts;
    const { occurrences: _b, ...restBack } = back;
    assert.deepEqual(restBack, rest, name);
  }
  assert.ok(occurrences > 300, `${occurrences} occurrences`);
});

test('paths that share a prefix share it again after the wire', () => {
  const text =
    'route:\n  receiver: a\n  routes:\n    - receiver: b\n    - receiver: c\n      routes:\n        - receiver: d\n';
  const { back } = roundTrip('alertmanager.yml', text);
  const paths = back.occurrences.filter((o) => o.ns === 'receiver').map((o) => o.path);
  assert.deepEqual(paths, [
    ['route', 'receiver'],
    ['route', 'routes', 0, 'receiver'],
    ['route', 'routes', 1, 'receiver'],
    ['route', 'routes', 1, 'routes', 0, 'receiver'],
  ]);
});

test('an index fed with facts from the wire answers like one fed with parsed files', () => {
  const files = exampleFiles(true);
  const direct = new Ws(files);
  const wired = createWorkspaceIndex();
  for (const [name, text] of Object.entries(files))
    wired.updateFacts(roundTrip(name, text).back, { dependents: false });
  let problems = 0;
  for (const name of Object.keys(files)) {
    const expected = direct.index.problemsFor(uri(name));
    problems += expected.length;
    assert.deepEqual(wired.problemsFor(uri(name)), expected, name);
  }
  assert.ok(problems > 10, 'the broken examples collide with acme');
  const name = 'acme/acme.monitoring.yaml';
  const at = direct.at(name, 'acme-critical', 0, 1);
  assert.deepEqual(wired.definition(uri(name), at), direct.index.definition(uri(name), at));
  assert.deepEqual(wired.rename(uri(name), at, 'acme-pager'), direct.index.rename(uri(name), at, 'acme-pager'));
  assert.ok(Object.keys(direct.index.rename(uri(name), at, 'acme-pager')?.changes ?? {}).length >= 2);
});
