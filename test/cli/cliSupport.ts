/** Running the bundled linter (dist/cli.js) on temporary trees. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/service';

export const CLI = path.join(repoRoot, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface JsonProblem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

export interface JsonReport {
  files: Array<{ file: string; problems: JsonProblem[] }>;
  summary: { files: number; errors: number; warnings: number };
  suppressed: number;
  baseline?: { known: number; gone: number };
}

/** `tenant-config <args>` in `cwd`, with standard input and extra environment variables. */
export function cli(cwd: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: options.input ?? '', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `tenant-config lint <args> --format json`, the report parsed. */
export function lintJson(cwd: string, args: string[], options: { input?: string } = {}): Run & { json: JsonReport } {
  const r = cli(cwd, ['lint', ...args, '--format', 'json'], options);
  let json: JsonReport;
  try {
    json = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${String(r.status)}): ${r.stdout}\n${r.stderr}`);
  }
  return { ...r, json };
}

/** A temporary folder with these files; removed by `cleanup`. */
export function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Codes reported for a file of a JSON report. */
export function codes(report: JsonReport, file: string): string[] {
  return (report.files.find((f) => f.file === file)?.problems ?? []).map((p) => p.code);
}

export const SLACK = [
  'schema_version: "2"',
  'tenant_id: acme',
  'defaults:',
  '  api_url: "${ACME_SLACK_WEBHOOK_URL}"',
  'receivers:',
  '  - name: acme-critical',
  '    slack_configs:',
  '      - channel: "#acme-critical"',
  '',
].join('\n');

/** Notification rules of `tenant` whose one rule sends to `receiver`. */
export const notifications = (tenant: string, receiver: string): string =>
  [
    'schema_version: "2"',
    `tenant_id: ${tenant}`,
    'rules:',
    '  - name: db-down',
    '    matchers: [\'severity="critical"\']',
    '    channels: [slack]',
    `    receiver_ref: ${receiver}`,
    '',
  ].join('\n');

/** A Prometheus configuration with a timeout over the interval (error) and an unknown key (error). */
export const PROMETHEUS = 'global:\n  scrape_interval: 15s\n  scrape_timeout: 20s\n  scrape_intervall: 1m\n';
