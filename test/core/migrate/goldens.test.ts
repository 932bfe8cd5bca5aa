// Golden tests of every migration step, in YAML and JSON: the engine's text (comments, key order
// and untouched lines kept) compared with test/fixtures/migrations/<kind>/<step>.migrated.<ext>
// (UPDATE_GOLDEN=1 rewrites them), run twice (nothing changes the second time), and verified as
// the editor and the command line verify it (no new problem, or the decision the step needs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { migrateDocument } from '../../../core/src/migrate/api';
import type { LanguageService } from '../../../core/src/languageService';
import { migrateText } from '../../../core/src/migrate/engine';
import { migrations } from '../../../core/src/migrate/registry';
import { doc, service, settings } from '../../support/service';
import { comments, fileNameFor, goldenText, migrationsDir, stepInputs } from './helpers';

const svc: LanguageService = service();
const upstream = (kind: string): boolean =>
  !kind.match(
    /^(tenant|monitoring|security-policy|environment|localization|isolation-policy|access-control|alert-templates|slack-receivers|notification-rules)$/,
  );

for (const migration of migrations)
  for (const step of migration.steps) {
    test(`${migration.id} ${step.id} (${step.op}): golden in YAML and JSON, idempotent, verified`, () => {
      const inputs = stepInputs(migration.kind, step.id);
      assert.equal(inputs.length, 2, `no fixture test/fixtures/migrations/${migration.kind}/${step.id}.yaml or .json`);
      for (const { format, text, file } of inputs) {
        const out = migrateText(text, format, migration.kind);
        const expected = goldenText(
          path.join(migrationsDir, migration.kind, `${step.id}.migrated.${format}`),
          out.text,
        );
        assert.equal(out.text, expected, `${file}: differs from its golden`);
        if (step.op === 'manual') {
          assert.equal(out.text, text, `${file}: a step that needs a decision changes nothing`);
          assert.deepEqual(
            out.blockers.map((b) => [b.step, b.reason]),
            [[step.id, step.reason]],
          );
        } else {
          assert.deepEqual(out.blockers, [], file);
          assert.ok(
            out.changes.some((c) => c.step === step.id),
            `${file}: step ${step.id} changed nothing`,
          );
          const again = migrateText(out.text, format, migration.kind);
          assert.equal(again.text, out.text, `${file}: a second run changes the result`);
          assert.deepEqual(again.edits, []);
        }
        if (format === 'yaml')
          for (const c of comments(text)) assert.ok(out.text.includes(c), `${file}: comment ${c} lost`);
        const name = fileNameFor(migration.kind, format);
        if (!name) continue;
        const d = doc(text, name);
        const m = migrateDocument(svc, d, settings());
        assert.equal(m.kind, migration.kind, `${file}: associated as ${m.kind}`);
        if (step.op === 'manual') {
          assert.deepEqual(
            m.blockers.map((b) => [b.code, (b.data as { reason: string }).reason]),
            [['migration.needs-choice', step.reason]],
          );
          continue;
        }
        assert.deepEqual(
          m.blockers.map((x) => `${String(x.code)}: ${x.message}`),
          [],
          file,
        );
        // The bundled upstream schemas do not list every key of the current upstream formats yet
        // (`always_scrape_classic_histograms`, a panel's `autoMigrateFrom`): a key the step writes
        // may be reported as unknown, and nothing else.
        const written = new Set([step.op === 'rename' ? step.to : '', step.op === 'map' ? (step.keepOldAs ?? '') : '']);
        const unlisted = m.introduced.filter(
          (x) =>
            x.code === 'schema.additional-property' &&
            written.has(String((x.data as { path: unknown[] }).path.slice(-1)[0])),
        );
        assert.deepEqual(
          m.introduced.filter((x) => !unlisted.includes(x)).map((x) => `${String(x.code)}: ${x.message}`),
          [],
          file,
        );
        if (unlisted.length) {
          assert.ok(upstream(migration.kind), `${file}: our own schemas list every key a migration writes`);
          continue;
        }
        assert.equal(m.text, out.text, `${file}: the verified migration is the engine's`);
        const after = svc.doValidation(doc(m.text, name), settings());
        assert.deepEqual(
          after.filter((x) => x.severity === 1).map((x) => `${String(x.code)}: ${x.message}`),
          [],
          `${file}: the migrated file has errors`,
        );
        if (migration.id.endsWith('/1-2'))
          assert.ok(!after.some((x) => x.code === 'schema.outdated-version'), `${file}: still outdated`);
        else assert.ok(!after.some((x) => x.code === step.code), `${file}: ${step.code} still reported`);
      }
    });
  }
