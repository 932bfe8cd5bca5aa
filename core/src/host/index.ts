/** The analysis host: the API of the core for the language server and the linter. */
export {
  AnalysisHost,
  createAnalysisHost,
  isCrossFileCode,
  LARGE_DOCUMENT,
  type AnalysisHostOptions,
  type IndexJob,
  type ReadPurpose,
} from './host';
export { createDocument, languageIdOf } from './documents';
export {
  MAX_FILE_BYTES,
  refusalText,
  textOf,
  type FileRead,
  type FileText,
  type ReadFileText,
  type ReadRefusal,
  type TextProblem,
} from './files';
export { jsonErrorDetail, yamlErrorDetail } from '../util/parseError';
export {
  isLoaded,
  isProjectConfigUri,
  outOfIndex,
  isIgnored,
  pathSuppressionsFor,
  projectLayer,
  relativeTo,
  type LoadedProjectConfig,
  type ProjectConfigLookup,
  type UnreadProjectConfig,
} from './project';
