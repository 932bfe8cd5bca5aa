import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { JSONPath } from '../document/ast';

/** Codes that speak about the migration itself, not about the content it changes. */
const OWN_CODES = new Set(['schema.outdated-version', 'migration.needs-choice']);

const pathOf = (d: Diagnostic): JSONPath | null => {
  const p = (d.data as { path?: unknown } | undefined)?.path;
  return Array.isArray(p) ? (p as JSONPath) : null;
};

/** A problem's identity across texts: code, path, and for a missing key which key. */
function key(d: Diagnostic, path: JSONPath | null): string {
  const missing = (d.data as { missing?: unknown } | undefined)?.missing;
  return `${String(d.code)}|${JSON.stringify(path)}|${d.code === 'schema.required' ? JSON.stringify(missing) : ''}`;
}

/** Errors count: a warning the new form reveals (`ssl: true` read as `ssl_mode: require`) is the file's, not the migration's. */
const counts = (d: Diagnostic): boolean => d.severity === DiagnosticSeverity.Error && !OWN_CODES.has(String(d.code));

/**
 * The errors of the migrated text that the original did not have: each problem of
 * the original, its path moved as the migration moved it (dropped with a removed node), pays for
 * one problem of the result with the same code and path.
 */
export function introducedProblems(
  before: Diagnostic[],
  beforeOffset: (d: Diagnostic) => number,
  after: Diagnostic[],
  remap: (path: JSONPath, offset: number) => JSONPath | null,
): Diagnostic[] {
  const old = new Map<string, number>();
  for (const d of before) {
    if (!counts(d)) continue;
    const p = pathOf(d);
    const mapped = p ? remap(p, beforeOffset(d)) : null;
    if (p && !mapped) continue;
    const k = key(d, mapped);
    old.set(k, (old.get(k) ?? 0) + 1);
  }
  const out: Diagnostic[] = [];
  for (const d of after) {
    if (!counts(d)) continue;
    const k = key(d, pathOf(d));
    const n = old.get(k) ?? 0;
    if (n > 0) old.set(k, n - 1);
    else out.push(d);
  }
  return out;
}
