/**
 * Suppressions applied to a document's diagnostics: the comments of a YAML text, and the project
 * configuration's suppressions by path (the way for JSON). One function for every host: the
 * linter now, the editor through the same call. A suppression that suppresses nothing is itself
 * reported, unless its code was not looked for in this run (cross-file checks turned off, a code
 * set to `off`): then nothing can be said about it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { codes as knownCodes } from '../codes';
import { phrase, say } from '../messages';
import type { Problem } from '../problem';
import { closest } from '../util/strings';
import { toDiagnostics, formatOf, type DocumentSettings } from '../languageService';
import type { PathSuppression } from '../project/config';
import { readDirectives, type Directive } from './directives';

export interface SuppressOptions {
  /** Severity overrides and the problem cap for the suppressions' own problems. */
  settings: DocumentSettings;
  /** The project configuration's suppressions that name this file. */
  pathSuppressions?: readonly PathSuppression[];
  /** Whether problems of a code were looked for in this run (default: all were). */
  isChecked?: (code: string) => boolean;
}

export interface SuppressResult {
  /** The diagnostics left, followed by the problems of unused or invalid suppression comments. */
  diagnostics: Diagnostic[];
  /** The diagnostics a suppression removed. */
  suppressed: Diagnostic[];
  /** The path suppressions that removed a diagnostic of this document, with the code removed. */
  usedPathSuppressions: Array<{ suppression: PathSuppression; code: string }>;
}

const pathOf = (d: Diagnostic): string[] | undefined => {
  const p = (d.data as { path?: unknown } | undefined)?.path;
  return Array.isArray(p) ? p.map(String) : undefined;
};

const startsWith = (path: string[], prefix: string[]): boolean =>
  prefix.length <= path.length && prefix.every((s, i) => path[i] === s);

/** Remove suppressed diagnostics of a document; report suppression comments that did nothing. */
export function applySuppressions(
  doc: TextDocument,
  diagnostics: Diagnostic[],
  options: SuppressOptions,
): SuppressResult {
  const directives = formatOf(doc) === 'yaml' ? readDirectives(doc.getText()) : [];
  const paths = options.pathSuppressions ?? [];
  const used = new Set<string>();
  const usedPaths = new Map<string, { suppression: PathSuppression; code: string }>();
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const d of diagnostics) {
    const code = String(d.code ?? '');
    let hit = false;
    for (const [i, dir] of directives.entries()) {
      if (dir.kind === 'next-line' && dir.targetLine !== d.range.start.line) continue;
      for (const [j, c] of dir.codes.entries())
        if (c.code === code) {
          used.add(`${i}:${j}`);
          hit = true;
        }
    }
    if (paths.length) {
      const path = pathOf(d);
      for (const s of paths)
        if (s.codes.includes(code) && startsWith(path ?? [], s.path)) {
          usedPaths.set(`${paths.indexOf(s)}:${code}`, { suppression: s, code });
          hit = true;
        }
    }
    (hit ? suppressed : kept).push(d);
  }
  const problems = directiveProblems(directives, used, options.isChecked ?? (() => true));
  const own = problems.length ? toDiagnostics(doc, problems, options.settings) : [];
  return { diagnostics: [...kept, ...own], suppressed, usedPathSuppressions: [...usedPaths.values()] };
}

function directiveProblems(
  directives: Directive[],
  used: Set<string>,
  isChecked: (code: string) => boolean,
): Problem[] {
  const out: Problem[] = [];
  const all = Object.keys(knownCodes);
  for (const [i, dir] of directives.entries()) {
    if (dir.codes.length === 0) {
      out.push({
        code: 'suppression.invalid',
        offset: dir.offset,
        length: dir.length,
        message: say('suppression.invalid.no-code', [], { directive: dir.keyword }),
        data: { directive: dir.kind, reason: 'no-code' },
      });
      continue;
    }
    for (const [j, c] of dir.codes.entries()) {
      const range = { offset: c.offset, length: c.code.length };
      if (!(c.code in knownCodes)) {
        const suggestion = closest(c.code, all, 1)[0];
        out.push({
          code: 'suppression.invalid',
          ...range,
          message: suggestion
            ? say('suppression.invalid.unknown-code-suggest', [], { suppressed: c.code, suggestion })
            : say('suppression.invalid.unknown-code', [], { suppressed: c.code }),
          data: {
            directive: dir.kind,
            reason: 'unknown-code',
            suppressed: c.code,
            suggestions: suggestion ? [suggestion] : [],
          },
        });
      } else if (!used.has(`${i}:${j}`) && isChecked(c.code)) {
        out.push({
          code: 'suppression.unused',
          ...range,
          message: say(dir.kind === 'file' ? 'suppression.unused.file' : 'suppression.unused.next-line', [], {
            suppressed: c.code,
          }),
          data: { directive: dir.kind, suppressed: c.code },
        });
      }
    }
  }
  return out;
}

/**
 * Problems of the project configuration's suppressions, at their entries in the configuration
 * file: codes that are not diagnostic codes, and codes that suppressed nothing (`used`: entry →
 * the codes it suppressed in any file). An entry no linted file matched is not reported, nor a
 * code not looked for in the run.
 */
export function pathSuppressionProblems(
  suppressions: readonly PathSuppression[],
  used: ReadonlyMap<PathSuppression, ReadonlySet<string>>,
  matchedSomeFile: (s: PathSuppression) => boolean,
  isChecked: (code: string) => boolean = () => true,
): Problem[] {
  const out: Problem[] = [];
  const all = Object.keys(knownCodes);
  for (const s of suppressions) {
    const at = { offset: s.offset, length: s.length };
    for (const code of s.codes) {
      if (!(code in knownCodes)) {
        const suggestion = closest(code, all, 1)[0];
        out.push({
          code: 'suppression.invalid',
          ...at,
          message: suggestion
            ? say('suppression.invalid.unknown-code-suggest', [], { suppressed: code, suggestion })
            : say('suppression.invalid.unknown-code', [], { suppressed: code }),
          data: {
            directive: 'path',
            reason: 'unknown-code',
            suppressed: code,
            suggestions: suggestion ? [suggestion] : [],
          },
        });
      } else if (!used.get(s)?.has(code) && matchedSomeFile(s) && isChecked(code)) {
        const pointer = s.path.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
        out.push({
          code: 'suppression.unused',
          ...at,
          message: say('suppression.unused.path', [], {
            suppressed: code,
            path: pointer ? '`' + pointer + '`' : phrase('where.document'),
            files: s.files.map((f) => '`' + f + '`').join(', '),
          }),
          data: { directive: 'path', suppressed: code, path: s.path, files: s.files },
        });
      }
    }
  }
  return out;
}
