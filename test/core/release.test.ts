// What a closed document held is released: its tree and chunks leave the service's caches (the
// problems of its chunks stay cached by text, so reopening the same text is still quick).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { freshService, settings } from '../support/service';

test('forgetDocument releases the tree of a closed document; its problems stay cached by text', () => {
  const service = freshService();
  const text = 'tenant_id: acme\nprot: 1\n---\ntenant_id: globex\n';
  const doc = TextDocument.create('file:///ws/a.tenant.yaml', 'tenant-yaml', 1, text);
  const tree = service.parse(doc);
  assert.equal(service.parse(doc), tree, 'cached while open');
  const before = service.doValidation(doc, settings());
  service.forgetDocument(doc.uri);
  assert.notEqual(service.parse(doc), tree, 'read again after it was forgotten');
  const plan = service.validationPlan(doc, settings());
  assert.deepEqual(plan.pending, [], 'every chunk still known by its text');
  assert.deepEqual(plan.finish(), before);
});
