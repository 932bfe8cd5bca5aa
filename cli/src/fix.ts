/**
 * `--fix` and `--fix-dry-run`: the editor's fix-all, which applies only fixes marked safe and
 * verified (applied to a copy, the copy re-validated: the target gone, nothing new, still parses),
 * repeated until the text no longer changes. A file whose fixes fail verification is left as it is.
 */
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTwoFilesPatch } from 'diff';
import { FIX_ALL_KIND, type DocumentSettings, type LanguageService } from '../../core/src/index';

const MAX_PASSES = 10;

/** The text with every safe, verified fix applied (the same text when there is none). */
export function fixText(
  service: LanguageService,
  file: { file: string; languageId: 'yaml' | 'json'; text: string },
  settings: DocumentSettings,
): string {
  const uri = URI.file(file.file).toString();
  let text = file.text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const doc = TextDocument.create(uri, file.languageId, pass + 1, text);
    let next = text;
    try {
      const diagnostics = service.doValidation(doc, settings);
      if (diagnostics.length === 0) break;
      const action = service
        .getCodeActions(
          doc,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          { diagnostics, only: [FIX_ALL_KIND] },
          settings,
        )
        .find((a) => a.kind === FIX_ALL_KIND);
      const edits = action?.edit?.changes?.[uri];
      if (edits?.length) next = TextDocument.applyEdits(doc, edits);
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
