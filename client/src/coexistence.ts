import picomatch from 'picomatch/posix';

/** Red Hat's YAML extension: it validates `yaml` documents against the schemas it is given. */
export const RED_HAT_YAML = 'redhat.vscode-yaml';

export interface CoexistenceInput {
  /** The document's language id. */
  languageId: string;
  /** The document's text (only its first 100 lines are read). */
  text: string;
  /** The document's path relative to its workspace folder (its file name when outside any). */
  relativePath: string;
  /** Whether Red Hat's YAML extension is installed. */
  yamlExtension: boolean;
  /** Its `yaml.schemas` setting for the document: schema → glob or globs. */
  yamlSchemas?: Record<string, unknown>;
  /** `tenantConfig.validate.yamlExtensionDocuments`: validate those documents too. */
  optIn: boolean;
}

export type CoexistenceVerdict =
  { validate: true } | { validate: false; reason: 'yaml-language-server modeline' | 'yaml.schemas'; detail: string };

const RED_HAT_MODELINE = /^#\s*yaml-language-server\s*:\s*\$schema\s*=\s*(\S+)/;

/**
 * Whether we validate a document (publish its diagnostics). A `yaml` document that Red Hat's YAML
 * extension also validates with a schema (through its `# yaml-language-server: $schema=…` modeline
 * or its `yaml.schemas` setting) would get every problem twice: unless the user opts in, it is
 * left to that extension. Our own languages, JSON, and documents that extension cannot load a
 * schema for (a modeline naming one of our bundled ids, such as `$schema=tenant`) stay ours.
 */
export function coexistence(input: CoexistenceInput): CoexistenceVerdict {
  if (input.languageId !== 'yaml' || !input.yamlExtension || input.optIn) return { validate: true };
  const modeline = redHatModeline(input.text);
  if (modeline && loadableByRedHat(modeline))
    return { validate: false, reason: 'yaml-language-server modeline', detail: modeline };
  for (const [schema, globs] of Object.entries(input.yamlSchemas ?? {})) {
    for (const glob of Array.isArray(globs) ? globs : [globs]) {
      if (typeof glob === 'string' && glob && globMatches(glob, input.relativePath))
        return { validate: false, reason: 'yaml.schemas', detail: `${schema}: ${glob}` };
    }
  }
  return { validate: true };
}

function redHatModeline(text: string): string | undefined {
  let pos = 0;
  for (let n = 0; n < 100 && pos < text.length; n++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const m = RED_HAT_MODELINE.exec(text.slice(pos, end).replace(/\r$/, ''));
    if (m) return m[1];
    pos = end + 1;
  }
  return undefined;
}

/** A URL or a path to a schema file; a bare word (`tenant`) is one of our ids, which that extension cannot load. */
function loadableByRedHat(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) || value.includes('/') || /\.(json|ya?ml)$/i.test(value);
}

function globMatches(glob: string, relativePath: string): boolean {
  const g = glob.replace(/^\.?\//, '');
  try {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    return (
      picomatch(g, { dot: true })(relativePath) ||
      (!g.includes('/') && picomatch(g, { dot: true })(name)) ||
      picomatch('**/' + g, { dot: true })(relativePath)
    );
  } catch {
    return false;
  }
}
