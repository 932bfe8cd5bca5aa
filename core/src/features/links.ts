import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentLink } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
import type { ParsedDocument } from '../document/document';
import type { ASTNode } from '../document/ast';
import { deref } from '../document/ast';
import { resolveUri } from '../schema/store';

/** Keys whose string values (or list items) name other files, relative to the document. */
const FILE_KEYS = new Set([
  'rule_files',
  'templates',
  'scrape_config_files',
  'password_file',
  'bearer_token_file',
  'credentials_file',
  'ca_file',
  'cert_file',
  'key_file',
  'api_url_file',
  'file',
]);

/** Links: the schema named by the modeline or `$schema`, and files named by `rule_files`, `templates`, … */
export function documentLinks(ctx: FeatureContext, doc: TextDocument, parsed: ParsedDocument): DocumentLink[] {
  const links: DocumentLink[] = [];
  const text = parsed.text;
  const a = ctx.association(doc);
  if (a.schemaUri && (a.source === 'modeline' || a.source === '$schema')) {
    const re =
      a.source === 'modeline'
        ? /^#\s*(?:tenant-config|yaml-language-server)\s*:\s*\$schema\s*=\s*(\S+)/m
        : /["']?\$schema["']?\s*:\s*["']?([^"'\s,}]+)/;
    const m = re.exec(text.slice(0, 8192));
    if (m) {
      const start = m.index + m[0].lastIndexOf(m[1]);
      const entry = ctx.store.entry(a.schemaUri);
      const target =
        entry && ctx.store.bundled.folderUri
          ? `${ctx.store.bundled.folderUri}/${entry.file}`
          : a.schemaUri.startsWith('file:')
            ? a.schemaUri
            : undefined;
      if (target)
        links.push({
          range: { start: doc.positionAt(start), end: doc.positionAt(start + m[1].length) },
          target,
          tooltip: 'Open the schema',
        });
    }
  }
  const visit = (node: ASTNode | undefined, depth: number): void => {
    const n = deref(node);
    if (!n || depth > 64 || links.length > 1000) return;
    if (n.type === 'object') {
      for (const p of n.properties) {
        if (FILE_KEYS.has(p.keyNode.value)) {
          const v = deref(p.valueNode);
          const values = v?.type === 'array' ? v.items.map(deref) : [v];
          for (const s of values) {
            if (s && s.type === 'string' && s.value && !/[*?[{]/.test(s.value) && !/^[a-z]+:\/\//i.test(s.value)) {
              const target = resolveUri(s.value, doc.uri);
              const quote = s.style === 'single' || s.style === 'double' || s.style === 'json' ? 1 : 0;
              if (target)
                links.push({
                  range: { start: doc.positionAt(s.offset + quote), end: doc.positionAt(s.offset + s.length - quote) },
                  target,
                });
            }
          }
        } else visit(p.valueNode, depth + 1);
      }
    } else if (n.type === 'array') for (const i of n.items) visit(i, depth + 1);
  };
  for (const part of parsed.parts) visit(part.root, 0);
  return links;
}
