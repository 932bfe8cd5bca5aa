import picomatch from 'picomatch/posix';
import { URI, Utils } from 'vscode-uri';
import type { SchemaStore } from './store';
import type { CodeOf } from '../problem';
import { resolveUri } from './store';

export type AssociationSource = 'modeline' | '$schema' | 'settings' | 'file-pattern' | 'none';

export interface AssociationProblem {
  code: CodeOf<'schema'>;
  offset: number;
  length: number;
  args: Record<string, string | number>;
}

/** Which schema applies to a document, and why. */
export interface Association {
  /** Bundled `$id` or user schema file URI; undefined when no schema applies. */
  schemaUri?: string;
  source: AssociationSource;
  /** What matched: the modeline, the glob, the file pattern, the `$schema` value. */
  detail: string;
  problem?: AssociationProblem;
}

export interface AssociationInput {
  uri: string;
  text: string;
  /** `tenantConfig.schemas`: schema id or path → glob(s). */
  settings: Record<string, string | string[]>;
  /** Workspace folder URIs; settings paths and globs are relative to the folder holding the document. */
  workspaceFolders: string[];
}

const MODELINE = /^#\s*(tenant-config|yaml-language-server)\s*:\s*\$schema\s*=\s*(\S+)/;
const YAML_SCHEMA_KEY = /^(?:\$schema|"\$schema"|'\$schema')\s*:[ \t]*["']?([^"'\s#]+)["']?/m;
const JSON_SCHEMA_KEY = /"\$schema"\s*:\s*"([^"]*)"/;

const matcherCache = new Map<string, (path: string) => boolean>();
function globMatcher(glob: string): (path: string) => boolean {
  let m = matcherCache.get(glob);
  if (!m) {
    try {
      m = picomatch(glob, { dot: true, nocase: false });
    } catch {
      m = () => false;
    }
    if (matcherCache.size > 1000) matcherCache.clear();
    matcherCache.set(glob, m);
  }
  return m;
}

/** Whether a glob matches a document: against its workspace-relative path, and against its name alone. */
export function globMatches(glob: string, relativePath: string, name: string): boolean {
  const g = glob.replace(/^\.\//, '');
  return (
    globMatcher(g)(relativePath) || (!g.includes('/') && globMatcher(g)(name)) || globMatcher('**/' + g)(relativePath)
  );
}

/** The workspace folder holding a document and the document's path relative to it. */
export function relativeToWorkspace(uri: string, folders: string[]): { folder?: string; path: string } {
  const doc = URI.parse(uri);
  let best: { folder: string; path: string } | undefined;
  for (const f of folders) {
    const folder = URI.parse(f);
    const prefix = folder.path.endsWith('/') ? folder.path : folder.path + '/';
    if (doc.scheme === folder.scheme && doc.path.startsWith(prefix) && (!best || prefix.length > best.folder.length)) {
      best = { folder: f, path: doc.path.slice(prefix.length) };
    }
  }
  return best ?? { path: Utils.basename(doc) };
}

/** Find the schema for a document: modeline, then `$schema`, then settings, then file patterns. */
export function associate(input: AssociationInput, store: SchemaStore): Association {
  const fromModeline = findModeline(input.text);
  if (fromModeline)
    return resolveDeclared(fromModeline.value, fromModeline.offset, input.uri, 'modeline', fromModeline.line, store);

  const fromKey = findSchemaKey(input.text);
  if (fromKey) return resolveDeclared(fromKey.value, fromKey.offset, input.uri, '$schema', fromKey.value, store);

  const rel = relativeToWorkspace(input.uri, input.workspaceFolders);
  const name = Utils.basename(URI.parse(input.uri));
  for (const [schemaRef, globs] of Object.entries(input.settings)) {
    for (const glob of Array.isArray(globs) ? globs : [globs]) {
      if (!glob || !globMatches(glob, rel.path, name)) continue;
      const base = rel.folder ? rel.folder.replace(/\/?$/, '/') : input.uri;
      const schemaUri = resolveSchemaRef(schemaRef, base, store);
      if (!schemaUri) continue;
      if (/^https?:/i.test(schemaUri) && !store.isBundled(schemaUri)) {
        return {
          source: 'settings',
          detail: `${glob} → ${schemaRef}`,
          problem: { code: 'schema.remote-not-fetched', offset: 0, length: 0, args: { uri: schemaUri } },
        };
      }
      return { schemaUri, source: 'settings', detail: `${glob} → ${schemaRef}` };
    }
  }

  for (const entry of store.bundled.catalog) {
    for (const glob of entry.fileMatch) {
      if (globMatches(glob, rel.path, name)) return { schemaUri: entry.uri, source: 'file-pattern', detail: glob };
    }
  }
  return { source: 'none', detail: '' };
}

function resolveDeclared(
  value: string,
  offset: number,
  docUri: string,
  source: AssociationSource,
  detail: string,
  store: SchemaStore,
): Association {
  const schemaUri = resolveSchemaRef(value, docUri, store);
  const range = { offset, length: value.length };
  if (!schemaUri)
    return {
      source,
      detail,
      problem: { code: 'schema.load-error', ...range, args: { uri: value, detail: 'not a valid schema reference' } },
    };
  if (/^https?:/i.test(schemaUri) && !store.isBundled(schemaUri)) {
    return { source, detail, problem: { code: 'schema.remote-not-fetched', ...range, args: { uri: schemaUri } } };
  }
  return { schemaUri, source, detail };
}

/** A schema reference: a bundled id or `$id`, an http(s) URL, a file URI, or a path relative to `base`. */
export function resolveSchemaRef(ref: string, base: string, store: SchemaStore): string | undefined {
  const entry = store.entry(ref);
  if (entry) return entry.uri;
  if (store.isBundled(ref)) return ref;
  if (/^https?:\/\//i.test(ref)) return ref;
  const uri = resolveUri(ref, base);
  // A path into the bundled schemas folder names the bundled schema itself.
  const folder = store.bundled.folderUri;
  if (uri && folder && uri.startsWith(folder + '/')) {
    const file = uri.slice(folder.length + 1);
    const bundled = store.bundled.catalog.find((e) => e.file === file);
    if (bundled) return bundled.uri;
  }
  return uri;
}

function findModeline(text: string): { value: string; offset: number; line: string } | undefined {
  // Comment lines at the top of the file, or anywhere in the first 100 lines.
  let pos = 0;
  for (let n = 0; n < 100 && pos < text.length; n++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).replace(/\r$/, '');
    if (line.startsWith('#')) {
      const m = MODELINE.exec(line);
      if (m) return { value: m[2], offset: pos + line.lastIndexOf(m[2]), line: line.trim() };
    }
    pos = end + 1;
  }
  return undefined;
}

function findSchemaKey(text: string): { value: string; offset: number } | undefined {
  const head = text.slice(0, 4096);
  const trimmed = head.trimStart();
  const m = trimmed.startsWith('{') ? JSON_SCHEMA_KEY.exec(head) : YAML_SCHEMA_KEY.exec(head);
  if (!m || !m[1]) return undefined;
  return { value: m[1], offset: m.index + m[0].lastIndexOf(m[1]) };
}
