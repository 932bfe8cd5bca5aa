/**
 * The catalogs of every area merged: problem messages (said about a place in a document, with
 * its key path) and phrases (quick-fix titles, fragments, reasons, argument phrases). The
 * translation bundles (`l10n/bundle.l10n.<lang>.json`) are keyed by these English templates.
 */
import { documentPhrases, documentProblems } from './document';
import { fixTitles } from './fixes';
import { langProblems } from './lang';
import { langPhrases } from './langPhrases';
import { migrateProblems } from './migrate';
import { ruleProblems } from './rules';
import { schemaPhrases, schemaProblems } from './schema';
import { suppressProblems } from './suppress';
import { workspacePhrases, workspaceProblems } from './workspace';

/** How the formatter names the key of a message whose template does not (`{message}` is the message). */
export const formatPhrases = {
  'at.key': '`{key}`: {message}',
} as const;

/** Every problem message, by id: a code, or a code with a variant suffix (`schema.enum.suggest`). */
export const problemMessages = {
  ...documentProblems,
  ...schemaProblems,
  ...langProblems,
  ...ruleProblems,
  ...workspaceProblems,
  ...migrateProblems,
  ...suppressProblems,
} as const;

/** Every phrase, by id. */
export const phrases = {
  ...formatPhrases,
  ...documentPhrases,
  ...schemaPhrases,
  ...fixTitles,
  ...langPhrases,
  ...workspacePhrases,
} as const;

export type ProblemMessageId = keyof typeof problemMessages;
export type PhraseId = keyof typeof phrases;
export type MessageId = ProblemMessageId | PhraseId;

/** Every template, by id (what the bundles translate). */
export const messages: Readonly<Record<MessageId, string>> = { ...problemMessages, ...phrases };

/** The catalogs by area, for the tests that check them one by one (ids unique across areas). */
export const catalogs: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  document: { ...documentProblems, ...documentPhrases },
  schema: { ...schemaProblems, ...schemaPhrases },
  lang: langProblems,
  langPhrases,
  rules: ruleProblems,
  workspace: { ...workspaceProblems, ...workspacePhrases },
  migrate: migrateProblems,
  suppress: suppressProblems,
  fixes: fixTitles,
  format: formatPhrases,
};
