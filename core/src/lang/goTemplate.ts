/**
 * Go `text/template` checking for Prometheus rule templates and Alertmanager notification
 * templates: see goTemplateLexer.ts (tokens), goTemplateParser.ts (grammar and Go's errors),
 * goTemplateRefs.ts (label/value references) and goTemplateData.ts (dialects).
 */
import { TemplateDialect } from './goTemplateData';
import { lexGoTemplate } from './goTemplateLexer';
import { TemplateParser } from './goTemplateParser';
import type { GoTemplateResult } from './goTemplateRefs';
import { clampProblems, LangProblem, problem } from './types';

export type { TemplateDialect } from './goTemplateData';
export { isDefaultAlertmanagerTemplate } from './goTemplateData';
export type { GoTemplateResult, TemplateLabelRef, TemplateVariableRef } from './goTemplateRefs';

/** Parse a Go template in the given dialect. Never throws. */
export function parseGoTemplate(text: string, dialect: TemplateDialect = 'alertmanager'): GoTemplateResult {
  const empty: GoTemplateResult = {
    problems: [],
    defines: [],
    templateRefs: [],
    variables: [],
    labelRefs: [],
    valueRefs: [],
    functions: [],
  };
  try {
    if (typeof text !== 'string') return empty;
    if (text.length > 1_000_000) {
      empty.problems.push(
        problem(
          'template.too-complex',
          0,
          text.length,
          { detail: 'the text is longer than 1,000,000 characters' },
          'warning',
        ),
      );
      return empty;
    }
    if (!text.includes('{{')) return empty;
    const p = new TemplateParser(text, lexGoTemplate(text), dialect === 'prometheus' ? 'prometheus' : 'alertmanager');
    try {
      p.parse();
    } catch {
      /* partial results are kept */
    }
    clampProblems(p.r.problems, text.length).sort((a, b) => a.from - b.from || a.to - b.to);
    return p.r;
  } catch {
    return empty;
  }
}

/** Problems only. */
export function checkGoTemplate(text: string, dialect: TemplateDialect = 'alertmanager'): LangProblem[] {
  return parseGoTemplate(text, dialect).problems;
}
