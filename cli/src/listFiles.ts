/** `--list-files`: the files a run lints (with their kind) and what it skips, and why. */
import * as path from 'node:path';
import { escapeControls } from './report/escape';
import type { Skipped } from './files';

const REASONS: Record<Skipped['reason'] | 'no-kind', string> = {
  'dot-folder': 'dot folder',
  'build-output': 'build output (dist/, out/)',
  dependencies: 'dependencies (node_modules/)',
  ignored: 'ignored by',
  'symlink-outside-root': 'symbolic link to a file outside the project root',
  'symlinked-folder': 'symbolic link to a folder (not followed)',
  'broken-symlink': 'symbolic link to nothing',
  symlink: 'symbolic link (not followed)',
  'not-regular': 'not a regular file (a pipe, a socket or a device)',
  'too-deep': 'folder nested too deep',
  limit: 'past the most files a run reads',
  visited: 'folder already walked (a bind mount or a loop)',
  unreadable: 'folder that cannot be listed',
  'no-kind': 'no schema applies (no kind from its name, a modeline, $schema or the settings)',
};

export interface Listed {
  file: string;
  kind?: string;
}

export function listFiles(
  cwd: string,
  linted: Listed[],
  skipped: Array<Skipped | { path: string; folder: false; reason: 'no-kind' }>,
  projectRoots: readonly string[] = [],
): string {
  const rel = (p: string, folder: boolean): string =>
    escapeControls((path.relative(cwd, p) || '.').split(path.sep).join('/') + (folder ? '/' : ''));
  const lines: string[] = [];
  for (const f of linted)
    lines.push(`lint  ${rel(f.file, false)}${f.kind ? `  (${f.kind})` : '  (no schema: syntax only)'}`);
  for (const s of skipped) {
    const detail = 'detail' in s && s.detail ? ` ${escapeControls(s.detail)}` : '';
    lines.push(`skip  ${rel(s.path, !!s.folder)}  ${REASONS[s.reason]}${detail}`);
  }
  for (const root of projectRoots)
    lines.push(`root  ${rel(root, true)}  project root: its other config files are indexed for cross-file names`);
  lines.push(`${linted.length} file(s) to lint, ${skipped.length} skipped`);
  return lines.join('\n');
}
