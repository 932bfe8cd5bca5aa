/**
 * `--fix` and `--fix-dry-run`: the editor's fix-all, which applies only fixes marked safe and
 * verified (applied to a copy, the copy re-validated: the target gone, nothing new, still parses),
 * repeated until the text no longer changes. A file whose fixes fail verification is left as it is,
 * and so is a pass that would change a problem the user kept (suppressed, or its code set to `off`).
 */
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createTwoFilesPatch } from 'diff';
import {
  FIX_ALL_KIND,
  applySuppressions,
  type AnalysisHost,
  type DocumentSettings,
  type PathSuppression,
} from '../../core/src/index';

const MAX_PASSES = 10;

const keyOf = (d: Diagnostic): string =>
  `${String(d.code)}|${JSON.stringify((d.data as { path?: unknown } | undefined)?.path ?? null)}`;

function countKeys(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(keyOf(d), (m.get(keyOf(d)) ?? 0) + 1);
  return m;
}

/** The text with every safe, verified fix applied (the same text when there is none). */
export function fixText(
  host: AnalysisHost,
  file: { file: string; languageId: 'yaml' | 'json'; text: string },
  settings: DocumentSettings,
  pathSuppressions: readonly PathSuppression[] = [],
): string {
  const uri = URI.file(file.file).toString();
  const everything: DocumentSettings = { ...settings, severity: {}, maxProblems: 100_000 };
  // The host checks the file as it would be read from disk (not indexed: cross-file problems are not fixed here).
  const check = (text: string, s: DocumentSettings): Diagnostic[] => {
    host.setFile(uri, { text, problems: [] }, s, { index: false, keep: true });
    return host.diagnostics(uri, s);
  };
  let text = file.text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const doc = TextDocument.create(uri, file.languageId, pass + 1, text);
    let next = text;
    try {
      const all = check(text, everything);
      if (all.length === 0) break;
      // The problems the user keeps: fix-all must leave every one of them where it is.
      const off = all.filter((d) => settings.severity[String(d.code)] === 'off');
      const { suppressed } = applySuppressions(
        doc,
        all.filter((d) => !off.includes(d)),
        { settings, pathSuppressions },
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
      if (edits?.length) next = TextDocument.applyEdits(doc, edits);
      if (next !== text && kept.size) {
        const after = countKeys(check(next, everything));
        if ([...kept].some(([k, n]) => (after.get(k) ?? 0) < n)) break;
      }
    } catch {
      return file.text;
    }
    if (next === text) break;
    text = next;
  }
  return text;
}

/** A unified diff of a file's fixes, paths as `a/<path>` and `b/<path>`. */
export function unifiedDiff(relativePath: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${relativePath}`, `b/${relativePath}`, before, after, undefined, undefined, {
    context: 3,
  }).replace(/^(Index: .*\n)?=+\n/, '');
}
