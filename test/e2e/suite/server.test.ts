// The language server's life cycle seen from the extension host: `tenantConfig.restartServer`
// drops the old server's diagnostics and a new server publishes them again for open documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SOURCE, codeOf, formatDiagnostics, openDocument, waitForDiagnostics } from './helpers';

const BROKEN = 'broken.tenant.yaml';
const TYPO = 'schema.additional-property';

const hasTypo = (ds: readonly vscode.Diagnostic[]): boolean =>
  ds.some((d) => d.source === SOURCE && codeOf(d) === TYPO);

describe('tenant-config language server (in the extension host)', function () {
  this.timeout(60_000);

  it('tenantConfig.restartServer: diagnostics are cleared, then published again for an open document', async () => {
    const doc = await openDocument(BROKEN);
    await waitForDiagnostics(doc.uri, hasTypo, `${TYPO} before the restart`);

    // Record every state of the document's diagnostics while the server restarts.
    const states: vscode.Diagnostic[][] = [];
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString()))
        states.push(vscode.languages.getDiagnostics(doc.uri));
    });
    try {
      await vscode.commands.executeCommand('tenantConfig.restartServer');
      const ds = await waitForDiagnostics(
        doc.uri,
        (all) => hasTypo(all) && states.some((s) => !hasTypo(s)),
        `${TYPO} from the restarted server`,
      );
      // The old server's diagnostics went away (the client stopped), and the new one published them.
      const cleared = states.findIndex((s) => !hasTypo(s));
      assert.ok(
        cleared >= 0,
        `the old diagnostics were cleared during the restart; states: ${states.map(formatDiagnostics).join(' | ')}`,
      );
      assert.ok(states.slice(cleared).some(hasTypo), 'published again after being cleared');
      assert.ok(hasTypo(ds), formatDiagnostics(ds));
    } finally {
      sub.dispose();
    }

    // The restarted server answers requests too.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    );
    assert.ok(
      symbols?.some((s) => s.name === 'environments'),
      `document symbols from the new server: ${(symbols ?? []).map((s) => s.name).join(', ')}`,
    );
  });
});
