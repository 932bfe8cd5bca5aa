/**
 * SARIF 2.1.0 for code scanning: one run, a rule per code seen (with its title, default level and a
 * link into docs/diagnostics.md), results with relative URIs under `%SRCROOT%` (the working
 * folder), and the verified fixes where a problem has one.
 */
import { URI } from 'vscode-uri';
import { codeAnchor, codes, defaultSeverity, isCode } from '../../../core/src/index';
import type { LintReport, ReportEdit, SeverityName } from './model';

const SRCROOT = '%SRCROOT%';
const LEVEL: Record<SeverityName, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};
const DEFAULT_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** A relative path as a URI reference: each segment percent-encoded. */
const relativeUri = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

const region = (e: Pick<ReportEdit, 'line' | 'column' | 'endLine' | 'endColumn'>): Record<string, number> => ({
  startLine: e.line,
  startColumn: e.column,
  endLine: e.endLine,
  endColumn: e.endColumn,
});

export function sarif(report: LintReport): string {
  const ruleIds = [...new Set(report.files.flatMap((f) => f.problems.map((p) => p.code)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => ({
    id,
    name: codeAnchor(id),
    shortDescription: { text: codes[id]?.title ?? id },
    helpUri: `${report.docsUri}#${codeAnchor(id)}`,
    defaultConfiguration: { level: DEFAULT_LEVEL[isCode(id) ? defaultSeverity(id) : 'warning'] },
  }));
  const results = report.files.flatMap((f) =>
    f.problems.map((p) => {
      const artifactLocation = { uri: relativeUri(f.path), uriBaseId: SRCROOT };
      return {
        ruleId: p.code,
        ruleIndex: ruleIndex.get(p.code)!,
        level: LEVEL[p.severity],
        message: { text: p.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(p) } }],
        ...(p.fixes?.length
          ? {
              fixes: p.fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation,
                    replacements: fix.edits.map((e) => ({
                      deletedRegion: region(e),
                      insertedContent: { text: e.newText },
                    })),
                  },
                ],
              })),
            }
          : {}),
      };
    }),
  );
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tenant-config',
            version: report.version,
            informationUri: report.docsUri,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: URI.file(report.cwd).toString().replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
