// Editing .tenant-config.yaml in the editor: its bundled schema gives diagnostics, completion and
// hover through the real bundled language server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { TestClient } from '../support/lspClient';

test('.tenant-config.yaml in the editor: unknown keys and bad severities are errors; keys are completed and documented', async () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-project-'));
  const client = new TestClient();
  try {
    await client.initialize(URI.file(ws).toString());
    const uri = URI.file(path.join(ws, '.tenant-config.yaml')).toString();
    const published = await client.open(
      uri,
      'severity:\n  ref.unused-receiver: loud\nignor: [x/**]\nsuppressions:\n  - files: a.json\n    codes: []\n\n',
      'yaml',
    );
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ['schema.enum', 1, 23],
        ['schema.additional-property', 2, 0],
        ['schema.items-count', 5, 11],
      ],
    );
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 6, character: 0 },
    });
    const labels = list.items.map((i) => i.label);
    for (const key of ['schemas', 'options', 'crossFile']) assert.ok(labels.includes(key), labels.join(','));
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 3, character: 3 },
    });
    assert.match((hover.contents as MarkupContent).value, /JSON, which has no comments/);
  } finally {
    await client.shutdown();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
