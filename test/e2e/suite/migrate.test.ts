// The migrate quick fix in the real extension host: a format 1 isolation policy gets
// `schema.outdated-version`, the preferred quick fix at it migrates the file to the current format
// (the deprecated `level` mapped to the `strategy` it meant, comments kept), and the diagnostic goes.
// Asserts on codes, kinds and document text; the file is written for the test and deleted after.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SOURCE, codeOf, formatDiagnostics, openDocument, waitForDiagnostics, workspaceUri } from './helpers';

const FILE = 'legacy.isolation.yaml';
const OUTDATED = 'schema.outdated-version';
const BEFORE =
  '# Acme isolation, written for format 1\nschema_version: "1"\ntenant_id: acme\nlevel: shared-schema  # old name\n';
const AFTER =
  '# Acme isolation, written for format 1\nschema_version: "2"\ntenant_id: acme\nstrategy: schema  # old name\n';

describe('tenant-config migrations (in the extension host)', function () {
  this.timeout(60_000);
  const uri = workspaceUri(FILE);

  before(async () => {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(BEFORE));
  });

  it('the migrate quick fix upgrades a format 1 file, and schema.outdated-version goes', async () => {
    const doc = await openDocument(FILE);
    const ds = await waitForDiagnostics(
      uri,
      (all) => all.some((d) => d.source === SOURCE && codeOf(d) === OUTDATED),
      `${OUTDATED} on the format 1 file`,
    );
    const outdated = ds.find((d) => codeOf(d) === OUTDATED)!;
    assert.equal(doc.getText(outdated.range), '"1"', 'on the declared version');
    assert.equal(outdated.severity, vscode.DiagnosticSeverity.Information);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      outdated.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const migrate = actions.find(
      (a): a is vscode.CodeAction =>
        'kind' in a &&
        !!a.kind &&
        vscode.CodeActionKind.QuickFix.contains(a.kind) &&
        !!a.isPreferred &&
        !!a.edit?.get(uri).some((e) => e.range.intersection(outdated.range)),
    );
    const shown = actions.map((a) =>
      'kind' in a
        ? `${a.kind?.value ?? '-'} preferred=${String(a.isPreferred)} for=${(a.diagnostics ?? []).map(codeOf).join(',')}`
        : 'command',
    );
    assert.ok(migrate?.edit, `a preferred quick fix for ${OUTDATED}; got: ${shown.join('; ')}`);
    assert.ok(await vscode.workspace.applyEdit(migrate.edit), 'the migration was applied');
    assert.equal(doc.getText(), AFTER);
    const after = await waitForDiagnostics(
      uri,
      (all) => !all.some((d) => d.source === SOURCE && codeOf(d) === OUTDATED),
      `${OUTDATED} to go`,
    );
    assert.deepEqual(
      after.filter((d) => d.source === SOURCE),
      [],
      `no problem left: ${formatDiagnostics(after)}`,
    );
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});
