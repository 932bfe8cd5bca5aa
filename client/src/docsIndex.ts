/**
 * Finding diagnostic codes in docs/diagnostics.md. Pure text functions (no `vscode`), so they can
 * be checked with plain strings. A code `schema.required` is documented under the anchor
 * `schema-required`, the same anchor as the `codeDescription.href` the server sends.
 */

/** The anchor of a code, as in diagnostics' `codeDescription.href`. */
export function codeAnchor(code: string): string {
  return code.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

/** GitHub's heading slug: lower case, punctuation dropped, spaces to dashes. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const CODE = /[a-z][a-z0-9]*\.[a-z0-9][a-z0-9-]*/g;
/** How many lines after a heading may name its code. */
const LOOKAHEAD = 4;

export interface DocumentedCode {
  code: string;
  /** Line of the heading (0-based). */
  line: number;
  /** A short description: the text after the code on the line that names it. */
  title: string;
}

/** Every documented code: a heading whose slug is the code's anchor, or that names the code. */
export function documentedCodes(lines: readonly string[]): DocumentedCode[] {
  const out: DocumentedCode[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = HEADING.exec(lines[i]);
    if (!h) continue;
    const heading = h[1].replace(/`/g, '');
    const slug = headingSlug(heading);
    const nearby = lines.slice(i, i + 1 + LOOKAHEAD);
    let found: DocumentedCode | undefined;
    for (let j = 0; j < nearby.length && !found; j++) {
      if (j > 0 && HEADING.test(nearby[j])) break;
      for (const m of nearby[j].replace(/`/g, '').matchAll(CODE)) {
        const code = m[0];
        if (codeAnchor(code) !== slug && !heading.split(/[^a-z0-9.-]+/i).includes(code)) continue;
        const rest = nearby[j]
          .slice(nearby[j].indexOf(code) + code.length)
          .replace(/`/g, '')
          .replace(/^[\s:—–-]+/, '')
          .trim();
        found = { code, line: i, title: j === 0 ? '' : rest.length > 90 ? rest.slice(0, 89) + '…' : rest };
        break;
      }
    }
    if (found) out.push(found);
  }
  return out;
}

/** The line documenting a code: an explicit anchor, a heading with its slug, or a heading naming it. */
export function findCodeLine(lines: readonly string[], code: string): number | undefined {
  const anchor = codeAnchor(code);
  const explicit = new RegExp(`(?:id|name)=["']${anchor}["']|\\{#${anchor}\\}`);
  let byHeading: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (explicit.test(lines[i])) return i;
    const h = HEADING.exec(lines[i]);
    if (!h || byHeading !== undefined) continue;
    const heading = h[1].replace(/`/g, '');
    if (headingSlug(heading) === anchor || heading.split(/[^a-z0-9.-]+/i).includes(code)) byHeading = i;
  }
  return byHeading;
}
