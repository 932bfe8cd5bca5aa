/**
 * `--fix` and `--fix-dry-run`: the host's verified fix-all, which applies only fixes marked safe
 * (a fix that would guess a value is never one) and verified (applied to a copy, the copy checked
 * again: the target gone, nothing new, still parses; fixes of cross-file problems against the
 * index as it would be with the fix), repeated until the text no longer changes. A file whose
 * fixes fail verification is left as it is, and so is a pass that would change a problem the user
 * kept (suppressed, or its code set to `off`). Files whose bytes were not plain UTF-8 are never
 * written back.
 */
import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createTwoFilesPatch } from 'diff';
import { FIX_ALL_KIND, type AnalysisHost, type DocumentSettings, type PathSuppression } from '../../core/src/index';
import { uriOf } from './fileJob';

const MAX_PASSES = 10;

const keyOf = (d: Diagnostic): string =>
  `${String(d.code)}|${JSON.stringify((d.data as { path?: unknown } | undefined)?.path ?? null)}`;

function countKeys(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(keyOf(d), (m.get(keyOf(d)) ?? 0) + 1);
  return m;
}

export interface FixInput {
  file: string;
  languageId: 'yaml' | 'json';
  text: string;
  settings: DocumentSettings;
  pathSuppressions: readonly PathSuppression[];
  /** The file is in the host's cross-file index: its cross-file problems are fixed too, verified against it. */
  indexed: boolean;
}

/**
 * The text with every safe, verified fix applied (the same text when there is none). The host
 * holds the returned text afterwards (in the index when `indexed`).
 */
export function fixText(host: AnalysisHost, input: FixInput): string {
  const uri = uriOf(input.file);
  const { settings } = input;
  const everything: DocumentSettings = { ...settings, severity: {}, maxProblems: 100_000 };
  const check = (text: string, s: DocumentSettings): Diagnostic[] => {
    host.setFile(uri, { text, problems: [] }, s, { index: input.indexed, keep: true });
    return host.diagnostics(uri, s);
  };
  let text = input.text;
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const all = check(text, everything);
      if (all.length === 0) break;
      // The problems the user keeps: fix-all must leave every one of them where it is.
      const off = all.filter((d) => settings.severity[String(d.code)] === 'off');
      const { suppressed } = host.suppress(
        uri,
        all.filter((d) => !off.includes(d)),
        settings,
        { pathSuppressions: input.pathSuppressions, isChecked: () => true },
      );
      const kept = countKeys([...off, ...suppressed]);
      const diagnostics = check(text, settings);
      const action = host
        .codeActions(
          uri,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          { diagnostics, only: [FIX_ALL_KIND] },
          settings,
        )
        .find((a) => a.kind === FIX_ALL_KIND);
      const edits = action?.edit?.changes?.[uri];
      const next = edits?.length
        ? TextDocument.applyEdits(TextDocument.create(uri, input.languageId, pass + 1, text), edits)
        : text;
      if (next !== text && kept.size) {
        const after = countKeys(check(next, everything));
        if ([...kept].some(([k, n]) => (after.get(k) ?? 0) < n)) break;
      }
      if (next === text) break;
      text = next;
    }
  } catch {
    text = input.text;
  }
  host.setFile(uri, { text, problems: [] }, settings, { index: input.indexed, keep: true });
  return text;
}

/** Write a fixed text over a file, keeping a UTF-8 byte order mark it had. */
export function writeFixed(file: string, text: string): void {
  let bom: boolean;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(3);
    bom = fs.readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    fs.closeSync(fd);
  }
  fs.writeFileSync(file, bom ? '\ufeff' + text : text);
}

/** A unified diff of a file's fixes, paths as `a/<path>` and `b/<path>`. */
export function unifiedDiff(relativePath: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, {
    context: 3,
  }).replace(/^(Index: .*\n)?=+\n/, '');
}
