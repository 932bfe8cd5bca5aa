import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest } from '../../../core/src/util/strings';
import { candidates, suggest } from '../../../core/src/workspace/suggest';

test('suggest ranks exactly like closest, on small lists and on large ones (fast path)', () => {
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = 'abcde-.XY';
  const word = (): string =>
    Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  for (let round = 0; round < 300; round++) {
    const size = round % 10 === 0 ? 400 + Math.floor(rnd() * 600) : Math.floor(rnd() * 40);
    const names = [...new Set(Array.from({ length: size }, word))];
    const base = names.length ? names[Math.floor(rnd() * names.length)] : word();
    // A typo of a name: swap, drop, or change a character.
    const w =
      rnd() < 0.5 && base.length > 2
        ? base.slice(0, 1) + base[2] + base[1] + base.slice(3)
        : rnd() < 0.5
          ? base.slice(1)
          : word();
    assert.deepEqual(suggest(w, candidates(names)), closest(w, names), `${w} in ${JSON.stringify(names)}`);
  }
});

test('suggest on thousands of similar names: the same answer as closest', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `tenant-${i % 100}-recv-${Math.floor(i / 100)}`);
  for (const w of ['tenant-1-recv-3x', 'tenant-1-recv-3', 'TENANT-7-RECV', 'recv', 'tenant-99-recv-49', 'zzz']) {
    assert.deepEqual(suggest(w, candidates(names)), closest(w, names), w);
  }
});
