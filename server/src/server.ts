import {
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-types';
import { createLanguageService, FIX_ALL_KIND, type DocumentSettings, type LanguageService } from '../../core/src/index';
import { SchemaInfoRequest, ValidateWorkspaceRequest, type SchemaInfo, type SchemaInfoParams, type TenantConfigSettings, type ValidateWorkspaceResult } from '../../protocol/src/index';
import { listWorkspaceFiles, readText } from './workspaceFiles';
import { loadBundledSchemas, readFileUri, findSchemasDir, findDiagnosticsDoc } from './schemaFiles';
import { SettingsCache } from './settings';
import { ValidationScheduler } from './validator';
import { runSafe, runSafeVoid } from './runSafe';
import { loadMessageBundle } from './l10n';
import * as path from 'node:path';

export interface ServerRuntime {
  /** Where the bundled schemas live; found next to the bundle by default. */
  schemasDir?: string;
}

/** Plain YAML/JSON documents are ours only when something associates a schema with them. */
function isOptInLanguage(languageId: string): boolean {
  return languageId === 'yaml' || languageId === 'json' || languageId === 'jsonc';
}

/** Wire the language service to a connection. Every handler is a few lines around the core. */
export function startServer(connection: Connection, runtime: ServerRuntime = {}): void {
  const log = (m: string): void => connection.console.error(m);
  const documents = new TextDocuments(TextDocument);
  let service: LanguageService;
  let settings: SettingsCache;
  let scheduler: ValidationScheduler;
  let workspaceFolders: string[] = [];
  let trusted = true;

  const documentSettings = async (uri: string): Promise<{ settings: TenantConfigSettings; doc: DocumentSettings }> => {
    const s = await settings.get(uri);
    return { settings: s, doc: { schemas: s.schemas, severity: s.severity, maxProblems: s.maxProblems, workspaceFolders, bundledOnly: !trusted } };
  };

  const revalidateAll = (): void => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const schemasDir = runtime.schemasDir ?? findSchemasDir();
    service = createLanguageService({ bundled: loadBundledSchemas(schemasDir), readFile: readFileUri, diagnosticsDocUri: findDiagnosticsDoc(schemasDir) });
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; trusted?: unknown; locale?: unknown };
    trusted = init.trusted !== false;
    loadMessageBundle(typeof init.locale === 'string' ? init.locale : params.locale, path.dirname(schemasDir));
    settings = new SettingsCache(connection, init.settings);
    settings.canPull = !!params.capabilities.workspace?.configuration;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    scheduler = new ValidationScheduler(
      connection,
      service,
      (uri) => documents.get(uri),
      async (uri) => {
        const r = await documentSettings(uri);
        const doc = documents.get(uri);
        if (doc && isOptInLanguage(doc.languageId) && service.getAssociation(doc, r.doc).source === 'none') {
          return { ...r, settings: { ...r.settings, validate: { ...r.settings.validate, enable: false } } };
        }
        return r;
      },
      log,
    );
    const dynamicConfig = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    const dynamicWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    connection.onInitialized(() => {
      // Compile the bundled schemas while the user has not opened anything yet: one per tick.
      const queue = service.store.bundled.catalog.map((e) => e.uri);
      const warm = (): void => {
        const next = queue.shift();
        if (!next) return;
        runSafeVoid(log, 'warm-up', () => void service.store.get(next));
        setTimeout(warm, 0);
      };
      setTimeout(warm, 50);
      if (dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tenantConfig' });
      if (dynamicWatch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{json,yaml,yml}' }] });
      if (params.capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          workspaceFolders = workspaceFolders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri));
          revalidateAll();
        });
      }
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '-', '"', '{', ','], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tenant-config-language-server', version: '0.1.0' },
    };
  });

  documents.onDidOpen((e) => runSafeVoid(log, 'didOpen', () => scheduler.schedule(e.document.uri, 0)));
  documents.onDidChangeContent((e) => runSafeVoid(log, 'didChange', () => scheduler.schedule(e.document.uri)));
  documents.onDidClose((e) =>
    runSafeVoid(log, 'didClose', () => {
      scheduler.cancel(e.document.uri);
      settings.forget(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }),
  );

  connection.onDidChangeConfiguration((e) =>
    runSafeVoid(log, 'didChangeConfiguration', () => {
      settings.changed(e.settings);
      service.invalidateSchema();
      revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles((e) =>
    runSafeVoid(log, 'didChangeWatchedFiles', () => {
      for (const change of e.changes) service.invalidateSchema(change.uri);
      revalidateAll();
    }),
  );

  connection.onRequest(SchemaInfoRequest, async (params: SchemaInfoParams, token) => {
    const doc = documents.get(params.uri);
    const empty: SchemaInfo = { schemaId: '', title: '', source: 'none', detail: '' };
    if (!doc) return empty;
    const { doc: docSettings } = await documentSettings(params.uri);
    return runSafe(log, 'schemaInfo', empty, token, () => {
      const info = service.getSchemaInfo(doc, docSettings);
      const entry = info.schemaUri ? service.store.entry(info.schemaUri) : undefined;
      const schemaUri = entry && service.store.bundled.folderUri ? `${service.store.bundled.folderUri}/${entry.file}` : info.schemaUri?.startsWith('file:') ? info.schemaUri : undefined;
      return { schemaId: info.schemaUri ?? '', title: info.title, source: info.source, detail: info.detail, schemaUri };
    });
  });

  /** A document and its settings, when it is ours (plain YAML/JSON only with an association). */
  const ours = async (uri: string): Promise<{ doc: TextDocument; settings: DocumentSettings } | undefined> => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const { doc: docSettings } = await documentSettings(uri);
    if (isOptInLanguage(doc.languageId) && service.getAssociation(doc, docSettings).source === 'none') return undefined;
    return { doc, settings: docSettings };
  };

  connection.onCompletion(async (params, token) => {
    const empty: CompletionList = { isIncomplete: false, items: [] };
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'completion', empty, token, () => service.doComplete(o.doc, params.position, o.settings)) : empty;
  });
  connection.onHover(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'hover', null, token, () => service.doHover(o.doc, params.position, o.settings)) : null;
  });
  connection.onDocumentSymbol(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'documentSymbol', [], token, () => service.getDocumentSymbols(o.doc)) : [];
  });
  connection.onFoldingRanges(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'foldingRange', [], token, () => service.getFoldingRanges(o.doc)) : [];
  });
  connection.onSelectionRanges(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'selectionRange', [], token, () => service.getSelectionRanges(o.doc, params.positions)) : [];
  });
  connection.onDocumentLinks(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'documentLink', [], token, () => service.getDocumentLinks(o.doc, o.settings)) : [];
  });
  connection.onCodeAction(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'codeAction', [], token, () => service.getCodeActions(o.doc, params.range, params.context, o.settings)) : [];
  });
  connection.onDocumentFormatting(async (params) => {
    const o = await ours(params.textDocument.uri);
    if (!o) return [];
    try {
      return await service.format(o.doc, params.options);
    } catch (e) {
      log(`formatting failed: ${(e as Error)?.stack ?? String(e)}`);
      return [];
    }
  });
  connection.onDocumentRangeFormatting(async (params) => {
    const o = await ours(params.textDocument.uri);
    if (!o) return [];
    try {
      return await service.format(o.doc, params.options, params.range);
    } catch (e) {
      log(`range formatting failed: ${(e as Error)?.stack ?? String(e)}`);
      return [];
    }
  });

  connection.onRequest(ValidateWorkspaceRequest, async (_params: unknown, token): Promise<ValidateWorkspaceResult> => {
    let files = 0;
    let problems = 0;
    for (const uri of listWorkspaceFiles(workspaceFolders)) {
      if (token.isCancellationRequested) break;
      const open = documents.get(uri);
      const text = open ? undefined : readText(uri);
      const doc = open ?? (text !== undefined ? TextDocument.create(uri, /\.json$/i.test(uri) ? 'json' : 'yaml', 0, text) : undefined);
      if (!doc) continue;
      const { doc: docSettings } = await documentSettings(uri);
      const diagnostics = runSafe(log, 'validateWorkspace', [], undefined, () => (service.getAssociation(doc, docSettings).source === 'none' ? undefined : service.doValidation(doc, docSettings)) ?? []);
      if (!Array.isArray(diagnostics) || (diagnostics.length === 0 && service.getAssociation(doc, docSettings).source === 'none')) continue;
      files++;
      problems += diagnostics.length;
      void connection.sendDiagnostics({ uri, version: open?.version, diagnostics });
      await new Promise<void>((r) => setImmediate(r));
    }
    return { files, problems };
  });

  documents.listen(connection);
  connection.listen();
}
