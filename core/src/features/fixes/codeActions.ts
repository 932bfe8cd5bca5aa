import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import { partAtOffset, schemaOf, valueOf } from '../context';
import { yamlDialect } from '../../dialect/yaml';
import { jsonDialect } from '../../dialect/json';
import { fixesFor, type Fix } from './fixes';
import { overlaps, type OffsetEdit } from './edits';
import type { Comparison } from './compare';
import { phrase } from '../../messages';
import { diagnosticData } from '../../problem';

import { FIX_ALL_KIND } from '../../../../protocol/src/initialization';

export { FIX_ALL_KIND };

/**
 * How verification sees the document: its current diagnostics (cross-file ones included, where
 * the host has an index) and a way to compare a candidate text with it (see compare.ts: only the
 * chunks an edit changes are checked again). Fixes of index problems (`ref.*`) are compared with
 * the index, over the whole text; other fixes against the document alone (they do not rename or
 * remove names: re-reading the whole file for the index per candidate would cost a full parse
 * each). Without an index, fixes of index problems are verified against the document alone (it
 * parses, no new error, the target is not there afterwards).
 */
export interface Verification {
  current: Diagnostic[];
  /** The candidate `edits` applied to the document, compared with it; `crossFile`: with the index's problems. */
  compare(edits: OffsetEdit[], crossFile: boolean): Comparison;
  /** About how much text comparing `edits` would check (the chunks they touch; the whole text with the index). */
  cost(edits: OffsetEdit[], crossFile: boolean): number;
  /**
   * A clock (ms) and the time verification may take, counted from the request's start: past it no
   * further candidate is verified, so no fix it would have checked is offered. Also used to skip a
   * candidate whose chunks would take longer than what is left, at the rate measured so far (`rate`,
   * ms per character: from the current diagnostics when they had to be computed).
   */
  time?: { now(): number; start: number; budgetMs: number; rate?: number };
  /** Told how many candidate fixes were not verified (and so not offered) for lack of budget. */
  unverified?(count: number): void;
}

const pathOf = (d: Diagnostic): unknown => diagnosticData(d)?.path ?? null;
const keyOf = (code: unknown, path: unknown): string => `${String(code)}|${JSON.stringify(path)}`;
/** Keys of diagnostics, computed once each: the current ones are compared with every candidate's. */
const keys = new WeakMap<Diagnostic, string>();
const pathKey = (d: Diagnostic): string => {
  let k = keys.get(d);
  if (k === undefined) keys.set(d, (k = keyOf(d.code, pathOf(d))));
  return k;
};

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
    data: diagnosticData(d) ?? {},
    offset,
    part,
    text,
    dialect: format === 'yaml' ? yamlDialect : jsonDialect,
    schema: schema?.schema ?? {},
    graph: ctx.graph(),
    rootValue: valueOf(part),
    kind: schema ? ctx.store.entry(schema.uri)?.id : undefined,
  });
}

/** The key of a diagnostic of the text before a fix, as it reads after the fix (undefined: its node is removed). */
function mappedKey(d: Diagnostic, fix: Fix): string | undefined {
  const path = pathOf(d);
  if (!fix.remap || !Array.isArray(path)) return pathKey(d);
  const mapped = fix.remap(path);
  return mapped ? keyOf(d.code, mapped) : undefined;
}

/**
 * A fix is offered only if, applied, the document still parses, the diagnostic it targets is
 * gone (one fewer of its code at its path: a scalar may hold several problems of one code), and
 * no new error appears outside what the fix itself wrote. Paths of nodes after a removed sequence
 * item move up by one; problems inside removed nodes go with them.
 */
export function verify(before: Diagnostic[], after: Diagnostic[], target: Diagnostic, fix: Fix): boolean {
  const syntax = (ds: Diagnostic[]): number =>
    ds.filter((d) => d.code === 'yaml.syntax' || d.code === 'json.syntax').length;
  if (syntax(after) > syntax(before)) return false;
  const code = String(target.code);
  if (code === 'document.duplicate-key') {
    if (after.filter((d) => d.code === code).length >= before.filter((d) => d.code === code).length) return false;
  } else {
    const key = mappedKey(target, fix);
    if (key !== undefined) {
      const sameTarget = (d: Diagnostic): boolean => code !== 'schema.required' || sameMissing(d, target);
      const was = before.filter((d) => sameTarget(d) && mappedKey(d, fix) === key).length;
      const is = after.filter((d) => sameTarget(d) && pathKey(d) === key).length;
      if (is >= Math.max(1, was)) return false;
    }
  }
  // Text other readers already see, brought up by the fix: what is wrong in it was there before.
  if (fix.reveals) return true;
  const counted = (d: Diagnostic): boolean => d.severity === DiagnosticSeverity.Error;
  const old = new Map<string, number>();
  for (const d of before) {
    if (!counted(d)) continue;
    const k = mappedKey(d, fix);
    if (k !== undefined) old.set(k, (old.get(k) ?? 0) + 1);
  }
  const writes = (fix.writes ?? []).map((w) => JSON.stringify(w).slice(0, -1));
  for (const d of after) {
    if (!counted(d)) continue;
    const k = pathKey(d);
    const n = old.get(k) ?? 0;
    if (n > 0) {
      old.set(k, n - 1);
      continue;
    }
    const p = JSON.stringify(pathOf(d));
    // Problems strictly inside what the fix wrote are revealed, not caused (a renamed mapping is now checked).
    if (writes.some((w) => p.startsWith(w + ','))) continue;
    return false;
  }
  return true;
}

function sameMissing(a: Diagnostic, b: Diagnostic): boolean {
  const m = (d: Diagnostic): string => JSON.stringify(diagnosticData(d)?.missing);
  return m(a) === m(b);
}

function toTextEdits(doc: TextDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) },
    newText: e.text,
  }));
}

/**
 * Verified fixes for one diagnostic. Fixes with the same title are alternatives (a closing `}}` at
 * the end of the line or after the first word): only the first that verifies is kept. The target of
 * a fix that leaves its chunk as it was is still there (the chunk keeps its problems).
 */
export function verifiedFixes(ctx: FeatureContext, doc: TextDocument, d: Diagnostic, v: Budgeted): Fix[] {
  if (!isOurs(d)) return [];
  const out: Fix[] = [];
  const cross = String(d.code).startsWith('ref.');
  const offset = doc.offsetAt(d.range.start);
  const found = candidates(ctx, doc, d);
  v.charge(found.reduce((n, f) => n + (f.read ?? 0), 0));
  for (const fix of found) {
    if (out.some((f) => f.title === fix.title)) continue;
    const c = v.compare(fix.edits, cross);
    if (!c) continue;
    if (!cross && c.kept(offset)) continue;
    if (verify(c.before, c.after, d, fix)) out.push(fix);
  }
  return out;
}

/**
 * Text the verification of one request may check again, well under a second of validation: each
 * candidate fix costs a validation of the chunks it edits, so in a large document with hundreds of
 * problems the fix-all actions would take minutes. Past it (or past the time budget of the
 * request, where the host gives one), no further candidate is verified (an unverified fix is not
 * offered) and a fix-all covers the problems checked so far.
 */
const VERIFY_BUDGET = 600_000;

/** A verification that stops once its budget is spent: `compare` answers undefined from then on. */
interface Budgeted {
  current: Diagnostic[];
  compare(edits: OffsetEdit[], crossFile: boolean, final?: boolean): Comparison | undefined;
  exhausted(): boolean;
  /** Characters read computing candidates (see `Fix.read`). */
  charge(chars: number): void;
  /** `count` candidates left unverified (the targets a fix-all did not get to). */
  skip(count: number): void;
}

function withBudget(v: Verification, chars: number): Budgeted & { skipped(): number } {
  let left = chars;
  let skipped = 0;
  const charged = new WeakSet<Comparison>();
  const t = v.time;
  // Milliseconds per character checked, the most seen in this request (0 until measured).
  let rate = t?.rate ?? 0;
  const timeLeft = (): number => (t ? t.start + t.budgetMs - t.now() : Infinity);
  const exhausted = (): boolean => left <= 0 || timeLeft() <= 0;
  return {
    current: v.current,
    compare: (edits, crossFile, final) => {
      // The last check of a fix-all (its fixes together) is made whatever text was checked before,
      // as long as there is time.
      const over = final ? timeLeft() <= 0 : exhausted();
      if (over || (rate > 0 && rate * v.cost(edits, crossFile) > timeLeft())) {
        skipped++;
        return undefined;
      }
      const started = t?.now() ?? 0;
      const c = v.compare(edits, crossFile);
      // A candidate compared before in this request (fix-all and quick fixes share them) is free.
      if (charged.has(c)) return c;
      charged.add(c);
      left -= c.checked;
      if (t && c.checked > 0) rate = Math.max(rate, (t.now() - started) / c.checked);
      return c;
    },
    exhausted,
    charge: (n) => (left -= n),
    skip: (n) => (skipped += n),
    skipped: () => skipped,
  };
}

export function codeActions(
  ctx: FeatureContext,
  doc: TextDocument,
  range: Range,
  context: CodeActionContext,
  v: Verification,
): CodeAction[] {
  const only = context.only;
  const wantsQuickFix =
    !only || only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k));
  const wantsFixAll =
    !only ||
    only.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
  const actions: CodeAction[] = [];
  const budget = withBudget(v, VERIFY_BUDGET);
  if (wantsQuickFix) {
    const targets = context.diagnostics.filter(isOurs);
    for (const d of targets) {
      for (const fix of verifiedFixes(ctx, doc, d, budget)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.preferred,
          edit: { changes: { [doc.uri]: toTextEdits(doc, fix.edits) } },
        });
      }
    }
    // "Fix all of this kind in the file" for codes that appear more than once.
    const codes = new Set(targets.map((d) => String(d.code)));
    for (const code of codes) {
      const same = v.current.filter((d) => String(d.code) === code && isOurs(d));
      if (same.length < 2) continue;
      const edits = combine(ctx, doc, same, budget, false);
      if (edits.length > 1)
        actions.push({
          title: phrase('fix.all-code', { code }),
          kind: CodeActionKind.QuickFix,
          diagnostics: same,
          edit: { changes: { [doc.uri]: toTextEdits(doc, edits) } },
        });
    }
  }
  if (wantsFixAll) {
    const edits = combine(ctx, doc, v.current.filter(isOurs), budget, true);
    if (edits.length)
      actions.push({
        title: phrase('fix.all-safe'),
        kind: FIX_ALL_KIND,
        diagnostics: [],
        edit: { changes: { [doc.uri]: toTextEdits(doc, edits) } },
      });
  }
  void range;
  if (budget.skipped()) v.unverified?.(budget.skipped());
  return actions;
}

/** The preferred verified fix of each diagnostic, without overlaps; the combined result must parse. */
function combine(
  ctx: FeatureContext,
  doc: TextDocument,
  targets: Diagnostic[],
  v: Budgeted,
  safeOnly: boolean,
): OffsetEdit[] {
  const chosen: OffsetEdit[] = [];
  const some = targets.slice(0, 200);
  for (const [i, d] of some.entries()) {
    if (v.exhausted()) {
      v.skip(some.length - i);
      break;
    }
    const fix = verifiedFixes(ctx, doc, d, v).find((f) => f.preferred && (!safeOnly || f.safe));
    if (!fix || fix.edits.some((e) => chosen.some((c) => overlaps(c, e)))) continue;
    chosen.push(...fix.edits);
  }
  if (chosen.length === 0) return [];
  // Unverified together, the fixes are not offered together.
  const c = v.compare(chosen, false, true);
  const syntax = (ds: Diagnostic[]): number =>
    ds.filter((d) => d.code === 'yaml.syntax' || d.code === 'json.syntax').length;
  return !c || syntax(c.after) > syntax(c.before) ? [] : chosen;
}
