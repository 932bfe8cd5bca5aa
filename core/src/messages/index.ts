/**
 * The core's messages: one catalog per area (document, schema, lang, rules, workspace, migrate,
 * suppress, fixes) and one formatter. Problems are said with their key path (`say`), quick-fix
 * titles and fragments are phrases (`phrase`).
 */
export {
  catalogs,
  messages,
  phrases,
  problemMessages,
  type MessageId,
  type PhraseId,
  type ProblemMessageId,
} from './catalog';
export {
  english,
  keyName,
  listOf,
  namesPlace,
  phrase,
  say,
  sayLang,
  sayPlaced,
  whereName,
  type KeyPath,
  type MessageArg,
  type MessageArgs,
} from './format';
