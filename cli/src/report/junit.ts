/**
 * JUnit XML for CI test reports (GitLab, Jenkins, …): a test suite per file, a failing test case per
 * error or warning, one passing case for a file without them.
 */
import type { LintReport } from './model';

/** Text for an XML attribute or element: markup escaped, characters XML 1.0 cannot hold written as `\uXXXX`. */
export function escapeXml(s: string): string {
  return s
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
    );
}

export function junit(report: LintReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const f of report.files) {
    const name = escapeXml(f.path);
    const failing = f.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
    const cases = failing.map((p) => {
      const where = `${p.line}:${p.column}`;
      return (
        `    <testcase classname="${name}" name="${escapeXml(`${where} ${p.code}`)}">\n` +
        `      <failure type="${escapeXml(p.code)}" message="${escapeXml(p.message)}">` +
        `${escapeXml(`${p.severity} at line ${p.line}, column ${p.column}: ${p.message}`)}</failure>\n` +
        `    </testcase>`
      );
    });
    if (cases.length === 0) cases.push(`    <testcase classname="${name}" name="tenant-config lint"/>`);
    tests += cases.length;
    failures += failing.length;
    suites.push(
      `  <testsuite name="${name}" tests="${cases.length}" failures="${failing.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tenant-config" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}
