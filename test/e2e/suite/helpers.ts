// Small helpers for in-host tests: wait on events with a deadline instead of sleeping.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'tenant-config.tenant-config';
export const SOURCE = 'tenant-config';

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-host tests need a workspace folder (test/e2e/workspace copy)');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openDocument(relativePath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The diagnostic code as a string, whether the server sent a plain code or one with a link. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Our diagnostics (source `tenant-config`) for a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function formatDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds
    .map(
      (d) =>
        `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.source ?? '-'} ${codeOf(d) ?? '-'}`,
    )
    .join('; ');
}

/**
 * Resolve with the document's diagnostics as soon as `predicate` holds: checked now and on every
 * `onDidChangeDiagnostics` event for that URI. Reject after `timeoutMs` with what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const check = (): void => {
      if (settled) return;
      const ds = vscode.languages.getDiagnostics(uri);
      if (!predicate(ds)) return;
      settled = true;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      sub.dispose();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} in ${uri.fsPath}; diagnostics now: ${formatDiagnostics(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

/** Resolve with the next diagnostics-change event for `uri` (or undefined after `timeoutMs`). */
export function nextDiagnosticsChange(uri: vscode.Uri, timeoutMs: number): Promise<vscode.Diagnostic[] | undefined> {
  return new Promise((resolve) => {
    const key = uri.toString();
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(vscode.languages.getDiagnostics(uri));
    });
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(undefined);
    }, timeoutMs);
  });
}

/** Poll a condition that has no change event (e.g. `Extension.isActive`), with a deadline. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Set a `tenantConfig.*` setting in the workspace (.vscode/settings.json of the copy); undefined removes it. */
export async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tenantConfig').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Replace the whole text of a document (through a WorkspaceEdit, like a user edit). */
export async function setDocumentText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not replace the text of ${doc.uri.fsPath}`);
}

/**
 * Put a workspace document back as it was on disk: `text` (read before the test edited it), saved,
 * so that the next test starts from the fixture (the workspace is a throwaway copy).
 */
export async function restoreDocument(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) await setDocumentText(doc, text);
  if (doc.isDirty) await doc.save();
}

/** The label of a completion item as a string. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** A JSON file of the extension under test (its schemas, l10n bundles, …), parsed. */
export async function readExtensionJson<T = unknown>(relativePath: string): Promise<T> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, ...relativePath.split('/')));
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

/** Hover contents as plain strings (MarkdownString values, marked strings), U+00A0 and &nbsp; as spaces. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/&nbsp;|\u00a0/g, ' ');
}
