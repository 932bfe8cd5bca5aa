/**
 * What the host says about schemas: which one applies to a document and where its file is, and
 * which schema files the user names in settings (the reading gate lets those be read).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SchemaInfo } from '../../../protocol/src/methods';
import type { DocumentSettings, LanguageService } from '../languageService';
import { resolveSchemaRef } from '../schema/associations';
import type { SchemaStore } from '../schema/store';

/** Which schema applies to a document and why; `schemaUri` is the schema's file (bundled or user). */
export function schemaInfo(service: LanguageService, doc: TextDocument, settings: DocumentSettings): SchemaInfo {
  const info = service.getSchemaInfo(doc, settings);
  const store = service.store;
  const entry = info.schemaUri ? store.entry(info.schemaUri) : undefined;
  const schemaUri =
    entry && store.bundled.folderUri
      ? `${store.bundled.folderUri}/${entry.file}`
      : info.schemaUri?.startsWith('file:')
        ? info.schemaUri
        : undefined;
  return { schemaId: info.schemaUri ?? '', title: info.title, source: info.source, detail: info.detail, schemaUri };
}

/**
 * The schema files the user names in settings: absolute, or relative to each workspace folder
 * (without folders, absolute ones only).
 */
export function namedSchemaFiles(store: SchemaStore, settings: DocumentSettings): string[] {
  const out = new Set<string>();
  const bases = settings.workspaceFolders.map((f) => f.replace(/\/?$/, '/'));
  for (const ref of Object.keys(settings.schemas)) {
    const absolute = /^(\/|[a-zA-Z]:[\\/]|file:)/.test(ref);
    if (!bases.length && !absolute) continue;
    for (const base of bases.length ? bases : ['file:///']) {
      const uri = resolveSchemaRef(ref, base, store);
      if (uri?.startsWith('file:')) out.add(uri);
    }
  }
  return [...out];
}
