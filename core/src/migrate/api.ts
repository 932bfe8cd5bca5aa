/**
 * One document migrated to a version, verified: the engine's edits, and what stands in the way.
 * The quick fix, the workspace command and `tenant-config migrate` all go through here (the
 * quick fix through the code action machinery, which verifies the same way).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { formatOf, toDiagnostics, type DocumentSettings, type LanguageService } from '../languageService';
import { migrateText, type Blocker } from './engine';
import { blockerMessage } from './blocker';
import { latestVersion } from './registry';
import { introducedProblems } from './verify';

export interface DocumentMigration {
  /** The kind of the document (catalog id), when a schema of ours applies. */
  kind?: string;
  /** Versions of our kinds: declared before, reached after (equal when nothing changes). */
  from?: string;
  to?: string;
  latest?: string;
  /** The migrations applied (`alertmanager/0.21-0.22`, `tenant/1-2`). */
  migrations: string[];
  /** Edits of the document: empty when nothing changes or the migration cannot be done. */
  edits: TextEdit[];
  /** The text after the edits. */
  text: string;
  /** Decisions the user must make first, at their place in the document (`migration.needs-choice`). */
  blockers: Diagnostic[];
  /** Errors the result would have that the document does not, in the migrated text. */
  introduced: Diagnostic[];
  /** How many nodes the migration changes. */
  changes: number;
}

/** Versions of candidate texts, far from the editor's (positive) and the quick fixes' (small negative) ones. */
let nextVersion = -1_000_000_000;

/** Migrate a document to `to` (the latest version by default) and verify the result. */
export function migrateDocument(
  service: LanguageService,
  doc: TextDocument,
  settings: DocumentSettings,
  options: { to?: string } = {},
): DocumentMigration {
  const association = service.getAssociation(doc, settings);
  const kind = service.store.kindOf(association.schemaUri);
  const text = doc.getText();
  const outcome = migrateText(text, formatOf(doc), kind, { to: options.to });
  const base: DocumentMigration = {
    kind,
    from: outcome.from,
    to: outcome.from,
    latest: latestVersion(kind),
    migrations: [],
    edits: [],
    text,
    blockers: [],
    introduced: [],
    changes: 0,
  };
  if (outcome.blockers.length) return { ...base, blockers: blockerDiagnostics(doc, outcome.blockers, settings) };
  if (outcome.text === text) return base;
  const all = { ...settings, severity: {}, maxProblems: 100_000 };
  const before = service.doValidation(doc, all);
  // A version of its own: the service caches reads per uri and version.
  const migrated = TextDocument.create(doc.uri, doc.languageId, nextVersion--, outcome.text);
  const after = service.doValidation(migrated, all);
  const introduced = introducedProblems(before, (d) => doc.offsetAt(d.range.start), after, outcome.remap);
  if (introduced.length) return { ...base, introduced };
  return {
    ...base,
    to: outcome.to,
    migrations: outcome.migrations,
    edits: outcome.edits.map((e) => ({
      range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) },
      newText: e.text,
    })),
    text: outcome.text,
    changes: outcome.changes.length,
  };
}

/** Blockers as diagnostics of the document (code `migration.needs-choice`). */
export function blockerDiagnostics(doc: TextDocument, blockers: Blocker[], settings: DocumentSettings): Diagnostic[] {
  return toDiagnostics(
    doc,
    blockers.map((b) => ({
      code: 'migration.needs-choice',
      offset: b.offset,
      length: b.length,
      message: blockerMessage(b),
      data: { path: b.path, reason: b.reason, migration: b.migration, step: b.step, ...b.args },
    })),
    { ...settings, severity: {} },
  );
}
