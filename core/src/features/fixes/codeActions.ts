import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import { partAtOffset, schemaOf, valueOf } from '../context';
import { yamlDialect } from '../../dialect/yaml';
import { jsonDialect } from '../../dialect/json';
import { fixesFor, type Fix } from './fixes';
import { applyOffsetEdits, overlaps, type OffsetEdit } from './edits';

export const FIX_ALL_KIND = 'source.fixAll.tenantConfig';

/** Validates a candidate text of the same document (same schema and settings). */
export type Revalidate = (text: string) => Diagnostic[];

const pathKey = (d: Diagnostic): string => `${String(d.code)}|${JSON.stringify((d.data as { path?: unknown } | undefined)?.path ?? null)}`;

function isOurs(d: Diagnostic): boolean {
  return d.source === 'tenant-config' && !!d.data && typeof d.data === 'object';
}

/** Candidate fixes for a diagnostic, read from a fresh parse of the document. */
function candidates(ctx: FeatureContext, doc: TextDocument, d: Diagnostic): Fix[] {
  const schema = schemaOf(ctx, doc);
  const text = doc.getText();
  const offset = doc.offsetAt(d.range.start);
  const format = ctx.format(doc);
  const { part } = partAtOffset(text, format, offset, undefined, ctx.chunks(doc));
  if (!part) return [];
  return fixesFor({
    diagnostic: d,
    data: d.data as Record<string, unknown>,
    offset,
    part,
    text,
    dialect: format === 'yaml' ? yamlDialect : jsonDialect,
    schema: schema?.schema ?? {},
    graph: ctx.graph(),
    rootValue: valueOf(part),
  });
}

/**
 * A fix is offered only if, applied, the document still parses, the diagnostic it targets is
 * gone, and no new error appears outside what the fix itself wrote.
 */
export function verify(before: Diagnostic[], after: Diagnostic[], target: Diagnostic, fix: Fix): boolean {
  const syntax = (ds: Diagnostic[]): number => ds.filter((d) => d.code === 'yaml.syntax' || d.code === 'json.syntax').length;
  if (syntax(after) > syntax(before)) return false;
  const code = String(target.code);
  if (code === 'document.duplicate-key') {
    if (after.filter((d) => d.code === code).length >= before.filter((d) => d.code === code).length) return false;
  } else if (after.some((d) => pathKey(d) === pathKey(target) && (code !== 'schema.required' || sameMissing(d, target)))) return false;
  const old = new Map<string, number>();
  for (const d of before) if (d.severity === DiagnosticSeverity.Error) old.set(pathKey(d), (old.get(pathKey(d)) ?? 0) + 1);
  const writes = (fix.writes ?? []).map((w) => JSON.stringify(w).slice(0, -1));
  for (const d of after) {
    if (d.severity !== DiagnosticSeverity.Error) continue;
    const k = pathKey(d);
    const n = old.get(k) ?? 0;
    if (n > 0) {
      old.set(k, n - 1);
      continue;
    }
    const p = JSON.stringify((d.data as { path?: unknown } | undefined)?.path ?? null);
    // Problems strictly inside what the fix wrote are revealed, not caused (a renamed mapping is now checked).
    if (writes.some((w) => p.startsWith(w + ','))) continue;
    return false;
  }
  return true;
}

function sameMissing(a: Diagnostic, b: Diagnostic): boolean {
  const m = (d: Diagnostic): string => JSON.stringify((d.data as { missing?: unknown }).missing);
  return m(a) === m(b);
}

function toTextEdits(doc: TextDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) }, newText: e.text }));
}

/** Verified fixes for one diagnostic. */
export function verifiedFixes(ctx: FeatureContext, doc: TextDocument, d: Diagnostic, current: Diagnostic[], revalidate: Revalidate): Fix[] {
  if (!isOurs(d)) return [];
  const text = doc.getText();
  return candidates(ctx, doc, d).filter((fix) => verify(current, revalidate(applyOffsetEdits(text, fix.edits)), d, fix));
}

export function codeActions(ctx: FeatureContext, doc: TextDocument, range: Range, context: CodeActionContext, current: Diagnostic[], revalidate: Revalidate): CodeAction[] {
  const only = context.only;
  const wantsQuickFix = !only || only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k));
  const wantsFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
  const actions: CodeAction[] = [];
  if (wantsQuickFix) {
    const targets = context.diagnostics.filter(isOurs);
    for (const d of targets) {
      for (const fix of verifiedFixes(ctx, doc, d, current, revalidate)) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.preferred, edit: { changes: { [doc.uri]: toTextEdits(doc, fix.edits) } } });
      }
    }
    // "Fix all of this kind in the file" for codes that appear more than once.
    const codes = new Set(targets.map((d) => String(d.code)));
    for (const code of codes) {
      const same = current.filter((d) => String(d.code) === code && isOurs(d));
      if (same.length < 2) continue;
      const edits = combine(ctx, doc, same, current, revalidate, false);
      if (edits.length > 1) actions.push({ title: `Fix all \`${code}\` problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: same, edit: { changes: { [doc.uri]: toTextEdits(doc, edits) } } });
    }
  }
  if (wantsFixAll) {
    const edits = combine(ctx, doc, current.filter(isOurs), current, revalidate, true);
    if (edits.length) actions.push({ title: 'Fix all safely fixable tenant-config problems', kind: FIX_ALL_KIND, diagnostics: [], edit: { changes: { [doc.uri]: toTextEdits(doc, edits) } } });
  }
  void range;
  return actions;
}

/** The preferred verified fix of each diagnostic, without overlaps; the combined result must parse. */
function combine(ctx: FeatureContext, doc: TextDocument, targets: Diagnostic[], current: Diagnostic[], revalidate: Revalidate, safeOnly: boolean): OffsetEdit[] {
  const chosen: OffsetEdit[] = [];
  for (const d of targets.slice(0, 200)) {
    const fix = verifiedFixes(ctx, doc, d, current, revalidate).find((f) => f.preferred && (!safeOnly || f.safe));
    if (!fix || fix.edits.some((e) => chosen.some((c) => overlaps(c, e)))) continue;
    chosen.push(...fix.edits);
  }
  if (chosen.length === 0) return [];
  const after = revalidate(applyOffsetEdits(doc.getText(), chosen));
  const syntax = (ds: Diagnostic[]): number => ds.filter((d) => d.code === 'yaml.syntax' || d.code === 'json.syntax').length;
  return syntax(after) > syntax(current) ? [] : chosen;
}
