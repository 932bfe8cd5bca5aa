import { URI, Utils } from 'vscode-uri';

/** Resolve a reference against a base URI (file, https, urn…), or undefined when it is not a URI. */
export function resolveUri(ref: string, base: string): string | undefined {
  try {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) && !/^[a-zA-Z]:[\\/]/.test(ref)) {
      // Non-hierarchical URIs (`urn:…`, `tag:…`) are names: kept as written.
      if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(ref) && !/^file:/i.test(ref)) return ref;
      const hash = ref.indexOf('#');
      return hash >= 0 ? URI.parse(ref.slice(0, hash)).toString() + ref.slice(hash) : URI.parse(ref).toString();
    }
    const hash = ref.indexOf('#');
    const path = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? ref.slice(hash) : '';
    if (!path) return withoutFragment(base) + fragment;
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(base) && !/^file:/i.test(base)) return undefined;
    const baseUri = URI.parse(base);
    const query = path.indexOf('?');
    const bare = query >= 0 ? path.slice(0, query) : path;
    let resolved: URI;
    if (bare.startsWith('//')) resolved = URI.parse(`${baseUri.scheme}:${bare}`);
    else if (bare.startsWith('/')) resolved = baseUri.with({ path: bare, query: '', fragment: '' });
    else {
      const dir = baseUri.path.endsWith('/') ? baseUri : Utils.dirname(baseUri);
      resolved = Utils.joinPath(dir.with({ query: '', fragment: '' }), bare);
    }
    return resolved.toString() + (query >= 0 ? path.slice(query) : '') + fragment;
  } catch {
    return undefined;
  }
}

/** The last path segment of a URI, decoded. */
export function fileName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1)) || uri;
}

/** A URI without its fragment. */
export function withoutFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash >= 0 ? uri.slice(0, hash) : uri;
}

/**
 * Where a remote URI under a schema's own `$id` lives next to the schema's file: a schema set
 * published at `https://example.com/schemas/` and checked out locally refers to its siblings by
 * their published URIs; they are read from beside the file instead.
 */
export function besideFile(target: string, rootId: string | undefined, fileUri: string): string | undefined {
  if (!rootId || !/^https?:\/\//i.test(rootId) || !/^file:/i.test(fileUri)) return undefined;
  const idDir = rootId.slice(0, rootId.lastIndexOf('/') + 1);
  if (!target.startsWith(idDir)) return undefined;
  const rel = target.slice(idDir.length);
  if (!rel || rel.split('/').some((s) => s === '..' || s === '.')) return undefined;
  return resolveUri(rel, fileUri);
}
