import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.tools']);
const CONFIG = /\.(ya?ml|json)$/i;

/** Config-looking files under the workspace folders (bounded; hidden and vendor folders skipped). */
export function listWorkspaceFiles(folders: string[], limit = 20_000): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (out.length >= limit || depth > 32) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= limit) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) walk(full, depth + 1);
      } else if (e.isFile() && CONFIG.test(e.name)) out.push(URI.file(full).toString());
    }
  };
  for (const f of folders) {
    const u = URI.parse(f);
    if (u.scheme === 'file') walk(u.fsPath, 0);
  }
  return out;
}

export function readText(uri: string): string | undefined {
  try {
    const p = URI.parse(uri).fsPath;
    const st = fs.statSync(p);
    if (st.size > 20 * 1024 * 1024) return undefined;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}
