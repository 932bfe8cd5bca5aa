/**
 * Calls of a PromQL function by name: the identifier followed by `(`, outside string literals and
 * comments. (A selector, label name or grouping label is never directly followed by `(`.)
 */
export interface Span {
  from: number;
  to: number;
}

export function functionCalls(expr: string, name: string): Span[] {
  const out: Span[] = [];
  const isIdent = (c: string | undefined): boolean => !!c && /[A-Za-z0-9_:]/.test(c);
  for (let i = 0; i < expr.length && out.length < 1000; i++) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < expr.length && expr[i] !== c; i++) if (expr[i] === '\\' && c !== '`') i++;
      continue;
    }
    if (c === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
      continue;
    }
    if (!isIdent(c) || isIdent(expr[i - 1])) continue;
    let j = i;
    while (isIdent(expr[j])) j++;
    if (expr.slice(i, j) === name) {
      let k = j;
      while (k < expr.length && /\s/.test(expr[k])) k++;
      if (expr[k] === '(') out.push({ from: i, to: j });
    }
    i = j - 1;
  }
  return out;
}
