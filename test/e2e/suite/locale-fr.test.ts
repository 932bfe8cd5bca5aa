// Diagnostics in the display language. Runs only in stage 3 of scripts/e2e/run.sh: code-server
// started with `--locale fr` (plus a French language pack), suite files picked with E2E_FILES.
// The client passes `vscode.env.language` to the server (initializationOptions.locale); the server
// renders its messages from l10n/bundle.l10n.fr.json, keyed by the English templates of
// the catalogs in core/src/messages/ (the @vscode/l10n convention). The expected text is rendered here from the
// same bundle and the same templates, with the fixture's arguments.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { messages } from '../../../core/src/messages';
import { SOURCE, codeOf, formatDiagnostics, openDocument, readExtensionJson, waitForDiagnostics } from './helpers';

const BROKEN = 'broken.tenant.yaml';
const TYPO = 'schema.additional-property';
/** What the fixture's typo yields: its message id (core/src/messages/schema.ts) and its arguments. */
const TYPO_MESSAGE = 'schema.additional-property.suggest' as const;
const TYPO_KEY = 'sslmode';
const TYPO_SUGGESTION = 'ssl_mode';
const TYPO_PARENT = 'environments.production.database';

type Bundle = Record<string, string | { message: string; comment?: string[] }>;

describe('tenant-config in French (code-server --locale fr)', function () {
  this.timeout(60_000);

  it('the display language reaches the extension host', () => {
    assert.equal(
      vscode.env.language,
      'fr',
      'vscode.env.language (code-server --locale fr with a French language pack)',
    );
  });

  it('the typo diagnostic is rendered from l10n/bundle.l10n.fr.json', async function () {
    const bundle = await readExtensionJson<Bundle>('l10n/bundle.l10n.fr.json');
    const entry = (id: keyof typeof messages): string | undefined => {
      const v = bundle[messages[id]];
      return typeof v === 'string' ? v : v?.message;
    };
    const doc = await openDocument(BROKEN);
    const ds = await waitForDiagnostics(
      doc.uri,
      (all) => all.some((d) => d.source === SOURCE && codeOf(d) === TYPO),
      TYPO,
    );
    const typo = ds.find((d) => d.source === SOURCE && codeOf(d) === TYPO)!;
    assert.equal(doc.getText(typo.range), TYPO_KEY, formatDiagnostics(ds));

    // English rendering, for comparison (no bundle loaded = the templates themselves).
    l10n.config({ contents: {} });
    const english = render();
    if (!entry(TYPO_MESSAGE)) {
      // Not translated yet: the server falls back to English. Reported, not failed.
      console.log(
        `      (l10n/bundle.l10n.fr.json has no entry for ${TYPO_MESSAGE} yet; the message is: ${typo.message})`,
      );
      this.skip();
    }
    l10n.config({
      contents: Object.fromEntries(Object.entries(bundle).map(([k, v]) => [k, typeof v === 'string' ? v : v.message])),
    });
    const french = render();
    l10n.config({ contents: {} });

    assert.notEqual(french, english, `the French entry for ${TYPO_MESSAGE} differs from the English template`);
    assert.equal(
      typo.message,
      french,
      `the diagnostic message is the French entry of l10n/bundle.l10n.fr.json for ${TYPO_MESSAGE} (not the English one: ${english})`,
    );

    function render(): string {
      const where = l10n.t(messages['where.path'], { path: TYPO_PARENT });
      const s = l10n.t(messages[TYPO_MESSAGE], { key: TYPO_KEY, where, suggestion: TYPO_SUGGESTION });
      return s.charAt(0).toUpperCase() + s.slice(1); // the core capitalizes a message that starts with its place
    }
  });
});
