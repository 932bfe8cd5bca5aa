import * as vscode from 'vscode';
import { documentedCodes, findCodeLine } from './docsIndex';

/** A code from a command argument: a string, a Diagnostic-like object, or `{ code }`. */
function codeFromArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'code' in arg) {
    const code = (arg as { code: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
    if (code && typeof code === 'object' && 'value' in code) return String((code as { value: unknown }).value);
  }
  return undefined;
}

/** `tenantConfig.openDiagnosticDocs`: open docs/diagnostics.md at a code's section. */
export async function openDiagnosticDocs(extensionUri: vscode.Uri, arg?: unknown): Promise<void> {
  const uri = vscode.Uri.joinPath(extensionUri, 'docs', 'diagnostics.md');
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The diagnostics reference (docs/diagnostics.md) is not part of this installation.'),
    );
    return;
  }
  const lines = document.getText().split(/\r?\n/);
  const code = codeFromArgument(arg);
  let line: number | undefined;
  if (code === undefined) {
    const picked = await vscode.window.showQuickPick(
      documentedCodes(lines).map((c) => ({ label: c.code, description: c.title, line: c.line })),
      {
        title: vscode.l10n.t('Diagnostic Reference'),
        placeHolder: vscode.l10n.t('Select a diagnostic code'),
        matchOnDescription: true,
      },
    );
    if (!picked) return;
    line = picked.line;
  } else {
    line = findCodeLine(lines, code);
    if (line === undefined)
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The code {0} is not documented in the diagnostics reference.', code),
      );
  }
  const position = new vscode.Position(line ?? 0, 0);
  const editor = await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(position, position),
    preview: true,
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
}
