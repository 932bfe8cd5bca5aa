import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseText } from '../../../core/src/languageService';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../../core/src/workspace/index';
import type { RefProblem } from '../../../core/src/problem';
import { repoRoot } from '../../support/service';

interface CatalogEntry {
  id: string;
  fileMatch: string[];
}
const catalog: CatalogEntry[] = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'schemas', 'catalog.json'), 'utf8'),
).schemas;
const globs = catalog.map((c) => ({
  id: c.id,
  res: c.fileMatch.map((g) => new RegExp('^' + g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$')),
}));

/** The catalog kind of a file name (`acme.slack.yaml` → `slack-receivers`). */
export function kindOf(name: string): string | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return globs.find((g) => g.res.some((r) => r.test(base)))?.id;
}

export const uri = (name: string): string => `file:///ws/${name}`;

/** A workspace from `{ 'acme/acme.slack.yaml': text, … }`; kinds from the file names. */
export class Ws {
  readonly index: WorkspaceIndex = createWorkspaceIndex();
  readonly texts = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [name, text] of Object.entries(files)) this.set(name, text);
  }

  set(name: string, text: string, kind = kindOf(name)): string[] {
    this.texts.set(name, text);
    return this.index.update(uri(name), kind, parseText(text, name.endsWith('.json') ? 'json' : 'yaml'));
  }

  remove(name: string): string[] {
    this.texts.delete(name);
    return this.index.remove(uri(name));
  }

  problems(name: string, prefix = 'ref.'): RefProblem[] {
    return this.index.problemsFor(uri(name)).filter((p) => p.code.startsWith(prefix));
  }

  codes(name: string): string[] {
    return this.problems(name).map((p) => p.code);
  }

  /** Offset of the `nth` occurrence of `needle` in a file, plus `delta`. */
  at(name: string, needle: string, nth = 0, delta = 0): number {
    const text = this.texts.get(name) ?? '';
    let i = -1;
    for (let k = 0; k <= nth; k++) {
      i = text.indexOf(needle, i + 1);
      if (i < 0) throw new Error(`'${needle}' #${nth} not in ${name}`);
    }
    return i + delta;
  }

  /** The text a problem or location covers. */
  slice(name: string, r: { offset: number; length: number }): string {
    return (this.texts.get(name) ?? '').slice(r.offset, r.offset + r.length);
  }

  /** The file with every edit of a rename applied. */
  apply(name: string, edits: Array<{ offset: number; length: number; newText: string }> | undefined): string {
    let text = this.texts.get(name) ?? '';
    for (const e of [...(edits ?? [])].sort((a, b) => b.offset - a.offset))
      text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
    return text;
  }
}

/** Every example file (not `broken/`), with its kind: relative name → text. */
export function exampleFiles(includeBroken = false): Record<string, string> {
  const root = path.join(repoRoot, 'examples');
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) {
        if (name !== 'broken' || includeBroken) walk(full);
      } else if (kindOf(name)) out[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}
