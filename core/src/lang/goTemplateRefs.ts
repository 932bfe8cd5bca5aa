/**
 * Reference extraction for the Go template parser: label references (`$labels.X`, `.Labels.X`,
 * `.CommonLabels.X`, `index $labels "x"` …), `$value`/`.Value` uses, and unknown-field warnings on
 * the known template data (Prometheus rule data, Alertmanager data and alerts).
 */
import { unquoteGo } from './goString';
import { ALERT_FIELDS, KV_METHODS, LABEL_SET_FIELDS, ROOT_FIELDS, TemplateDialect } from './goTemplateData';
import type { Tok, TokKind } from './goTemplateLexer';
import type { NamedSpan } from './types';
import type { Code } from '../codes';

export interface TemplateVariableRef extends NamedSpan {
  kind: 'declare' | 'assign' | 'use';
}
export interface TemplateLabelRef extends NamedSpan {
  /** Which label set: labels ($labels / .Labels), commonLabels, groupLabels, externalLabels, routeLabels. */
  source: string;
}
export interface GoTemplateResult {
  problems: import('./types').LangProblem[];
  /** `{{define "x"}}` and `{{block "x" …}}` names (span of the name inside the quotes). */
  defines: NamedSpan[];
  /** `{{template "x" …}}` and `{{block "x" …}}` targets. */
  templateRefs: NamedSpan[];
  variables: TemplateVariableRef[];
  labelRefs: TemplateLabelRef[];
  /** `$value` / `.Value` uses (Prometheus dialect). */
  valueRefs: NamedSpan[];
  /** Function identifiers called. */
  functions: NamedSpan[];
}

/** What `.` holds: the root template data, one Alertmanager alert, or something unknown. */
export type DotType = 'root' | 'alert' | 'unknown';

export interface Operand {
  kind: TokKind | 'paren';
  from: number;
  to: number;
  text: string;
  /** Field path after the base (`$x.A.B` → [A, B]; `.A.B` → [A, B] with base dot). */
  path: string[];
  pathToks: Tok[];
}

export interface RefContext {
  dialect: TemplateDialect;
  dot: DotType;
  result: GoTemplateResult;
  warn(code: Code, from: number, to: number, args: Record<string, string | number>): void;
}

function varLabelSource(name: string, dialect: TemplateDialect): string | undefined {
  if (dialect !== 'prometheus') return undefined;
  return name === '$labels' ? 'labels' : name === '$externalLabels' ? 'externalLabels' : undefined;
}

/** Record label/value references and unknown fields of one operand with its field chain. */
export function analysePath(node: Operand, ctx: RefContext): void {
  const p = node.path;
  const refs = ctx.result.labelRefs;
  if (node.kind === 'variable' && p.length > 0) {
    const src = varLabelSource(node.text, ctx.dialect);
    const t = node.pathToks[0] as Tok;
    if (src && !KV_METHODS.has(p[0] as string))
      refs.push({ name: p[0] as string, from: t.from + 1, to: t.to, source: src });
  }
  for (let i = 0; i + 1 < p.length; i++) {
    const src = LABEL_SET_FIELDS[p[i] as string];
    const t = node.pathToks[i + 1] as Tok;
    if (src && !KV_METHODS.has(p[i + 1] as string))
      refs.push({ name: p[i + 1] as string, from: t.from + 1, to: t.to, source: src });
  }
  if (node.kind === 'field' && p.length > 0) {
    const t0 = node.pathToks[0] as Tok;
    if (ctx.dialect === 'prometheus' && ctx.dot === 'root' && p[0] === 'Value')
      ctx.result.valueRefs.push({ name: '.Value', from: t0.from, to: t0.to });
    const known = ctx.dot === 'root' ? ROOT_FIELDS[ctx.dialect] : ctx.dot === 'alert' ? ALERT_FIELDS : undefined;
    if (known && !known.includes(p[0] as string)) {
      ctx.warn('template.unknown-field', t0.from, t0.to, {
        field: p[0] as string,
        known: known.join(', '),
        context: ctx.dot === 'alert' ? 'an alert' : 'the template data',
      });
    }
  }
}

/** `index <label set> "name"` → a label reference on the string literal. */
export function indexLabelRef(args: Operand[], ctx: RefContext): void {
  const [f, a1, a2] = args;
  if (f?.kind !== 'identifier' || f.text !== 'index' || !a1 || !a2 || (a2.kind !== 'string' && a2.kind !== 'rawstring'))
    return;
  const source =
    a1.kind === 'variable' && a1.path.length === 0
      ? varLabelSource(a1.text, ctx.dialect)
      : a1.path.length
        ? LABEL_SET_FIELDS[a1.path[a1.path.length - 1] as string]
        : undefined;
  if (source) ctx.result.labelRefs.push({ name: unquoteGo(a2.text).value, from: a2.from + 1, to: a2.to - 1, source });
}
