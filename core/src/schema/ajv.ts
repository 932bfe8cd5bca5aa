import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Editor-only schema keywords we accept in every schema (ours, upstream and user schemas).
 * They carry documentation and editor hints; they never change validation.
 */
export const editorKeywords = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'deprecationMessage',
  'errorMessage',
  'patternErrorMessage',
  'doNotSuggest',
  'suggestSortText',
  'allowComments',
  'allowTrailingCommas',
  'x-replacement',
  'x-intellij-html-description',
  'x-intellij-language-injection',
  'x-taplo',
  'fileMatch',
] as const;

/** Create an ajv instance configured the way every schema of the product is validated. */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: true,
    validateSchema: false,
    allowUnionTypes: true,
    verbose: false,
    inlineRefs: true,
    // A hostile `pattern` must not hang the server: compile patterns with the `u` flag only;
    // catastrophic patterns are screened before compiling (see schema/safeRegex.ts).
    unicodeRegExp: true,
    ...extra,
  });
  addFormats(ajv);
  for (const keyword of editorKeywords) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  }
  return ajv;
}
