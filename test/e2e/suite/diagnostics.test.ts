// Diagnostics end to end in the real extension host: activation, what the language server
// publishes, and how the `tenantConfig.severity` and `tenantConfig.schemas` settings change it.
// Fixtures: test/e2e/workspace (a fresh copy per run; settings land in its .vscode/settings.json).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  SOURCE,
  codeOf,
  formatDiagnostics,
  nextDiagnosticsChange,
  openDocument,
  ours,
  setWorkspaceSetting,
  waitForDiagnostics,
  waitUntil,
  workspaceUri,
} from './helpers';

const BROKEN = 'broken.tenant.yaml';
const PLAIN = 'config/tenants/initech.yaml';
const TYPO = 'schema.additional-property';
const ENUM = 'schema.enum';

const find = (ds: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic | undefined =>
  ds.find((d) => d.source === SOURCE && codeOf(d) === code);

describe('tenant-config diagnostics (in the extension host)', function () {
  this.timeout(60_000);

  after(async () => {
    await setWorkspaceSetting('severity', undefined);
    await setWorkspaceSetting('schemas', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates the extension when a *.tenant.yaml file is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this host`);
    const doc = await openDocument(BROKEN);
    assert.equal(doc.languageId, 'tenant-yaml');
    await waitUntil(() => ext.isActive, `${EXTENSION_ID} to activate`);
  });

  it('times activation: loading the bundle, then activate (the server starts after); printed, and bounded', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const { activation } = ext.exports as { activation: { loadMs: number; activateMs: number; evaluateMs: number } };
    const total = activation.loadMs + activation.activateMs;
    console.log(
      `activation: ${total.toFixed(1)} ms (bundle load ${activation.loadMs.toFixed(1)} ms, of which evaluating it ${activation.evaluateMs.toFixed(1)} ms; activate ${activation.activateMs.toFixed(1)} ms)`,
    );
    assert.ok(activation.loadMs > 0, 'the bundle load is measured');
    assert.ok(activation.evaluateMs > 0 && activation.evaluateMs <= activation.loadMs, 'its evaluation is measured');
    // The target is 100 ms on a quiet machine (see bench/README.md); this bound holds on a busy one
    // and still fails if activation starts loading the language service or the schemas.
    assert.ok(total < 1000, `activation took ${total.toFixed(1)} ms`);
  });

  it('publishes schema diagnostics with source and code', async () => {
    const uri = workspaceUri(BROKEN);
    const ds = await waitForDiagnostics(uri, (all) => !!find(all, TYPO) && !!find(all, ENUM), `${TYPO} and ${ENUM}`);
    const typo = find(ds, TYPO)!;
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error, formatDiagnostics(ds));
    assert.equal(typo.range.start.line, 17, 'the typo `sslmode` is on line 18');
    assert.equal(typo.range.start.character, 6);
    const bad = find(ds, ENUM)!;
    assert.equal(bad.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(bad.range.start.line, 26, 'the bad `log_level` value is on line 27');
    assert.equal(ours(uri).length, 2, formatDiagnostics(ds));
  });

  it('tenantConfig.severity turns that code into a warning, and back', async () => {
    const uri = workspaceUri(BROKEN);
    await waitForDiagnostics(
      uri,
      (ds) => find(ds, TYPO)?.severity === vscode.DiagnosticSeverity.Error,
      `${TYPO} as an error`,
    );

    await setWorkspaceSetting('severity', { [TYPO]: 'warning' });
    const ds = await waitForDiagnostics(
      uri,
      (all) => find(all, TYPO)?.severity === vscode.DiagnosticSeverity.Warning,
      `${TYPO} as a warning`,
    );
    assert.equal(
      find(ds, ENUM)?.severity,
      vscode.DiagnosticSeverity.Error,
      `only ${TYPO} changes: ${formatDiagnostics(ds)}`,
    );

    await setWorkspaceSetting('severity', undefined);
    await waitForDiagnostics(
      uri,
      (all) => find(all, TYPO)?.severity === vscode.DiagnosticSeverity.Error,
      `${TYPO} back to an error`,
    );
  });

  it('tenantConfig.schemas makes a plain .yaml file validated', async () => {
    const uri = workspaceUri(PLAIN);
    // No association yet: the server looks at the file and publishes nothing of ours.
    const firstPublish = nextDiagnosticsChange(uri, 10_000);
    const doc = await openDocument(PLAIN);
    assert.equal(doc.languageId, 'yaml');
    if ((await firstPublish) === undefined)
      console.log('    (no diagnostics event for the plain file within 10 s; checking the current state)');
    assert.equal(ours(uri).length, 0, `before the association: ${formatDiagnostics(ours(uri))}`);

    await setWorkspaceSetting('schemas', { tenant: 'config/tenants/*.yaml' });
    const ds = await waitForDiagnostics(uri, (all) => !!find(all, TYPO), `${TYPO} in the associated plain file`);
    const typo = find(ds, TYPO)!;
    assert.equal(typo.range.start.line, 9, 'the unknown key `tenant_name` is on line 10');
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);

    // Dropping the association drops the diagnostics: the setting is what made the file ours.
    await setWorkspaceSetting('schemas', undefined);
    await waitForDiagnostics(
      uri,
      (all) => all.every((d) => d.source !== SOURCE),
      'no tenant-config diagnostics after removing the association',
    );
  });
});
