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
import {
  IndexStatusRequest,
  SchemaInfoRequest,
  ValidateWorkspaceRequest,
  type IndexStatus,
  type SchemaInfo,
  type SchemaInfoParams,
  type TenantConfigSettings,
  type ValidateWorkspaceResult,
} from '../../protocol/src/index';
import { listWorkspaceFiles, readText } from './workspaceFiles';
import { WorkspaceManager } from './workspace';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { loadBundledSchemas, readFileUri, findSchemasDir, findDiagnosticsDoc } from './schemaFiles';
import { SettingsCache } from './settings';
import { ValidationScheduler } from './validator';
import { runSafe, runSafeVoid } from './runSafe';
import { loadMessageBundle } from './l10n';
import { registerMigrate } from './migrate';
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
  let workspace: WorkspaceManager;
  let workspaceFolders: string[] = [];
  let trusted = true;

  const documentSettings = async (uri: string): Promise<{ settings: TenantConfigSettings; doc: DocumentSettings }> => {
    const s = await settings.get(uri);
    return {
      settings: s,
      doc: {
        schemas: s.schemas,
        severity: s.severity,
        maxProblems: s.maxProblems,
        workspaceFolders,
        bundledOnly: !trusted,
      },
    };
  };

  const revalidateAll = (): void => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const schemasDir = runtime.schemasDir ?? findSchemasDir();
    service = createLanguageService({
      bundled: loadBundledSchemas(schemasDir),
      readFile: readFileUri,
      diagnosticsDocUri: findDiagnosticsDoc(schemasDir),
    });
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
      (doc, docSettings) => {
        workspace.scheduleUpdate(doc, docSettings);
        return workspace.diagnostics(doc, docSettings);
      },
    );
    workspace = new WorkspaceManager(
      connection,
      service,
      documents,
      async (uri) => {
        const r = await documentSettings(uri);
        return { ...r.doc, exclude: r.settings.workspace.exclude };
      },
      (uri) => scheduler.schedule(uri, 0),
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
      // Index the workspace once the client has had a chance to send its settings.
      setTimeout(
        () =>
          void workspace
            .scan(workspaceFolders)
            .catch((e) => log(`indexing failed: ${(e as Error)?.stack ?? String(e)}`)),
        100,
      );
      if (dynamicConfig)
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tenantConfig' });
      if (dynamicWatch)
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{json,yaml,yml}' }],
        });
      if (params.capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          workspaceFolders = workspaceFolders
            .filter((f) => !e.removed.some((r) => r.uri === f))
            .concat(e.added.map((a) => a.uri));
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
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
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
      workspace.closed(e.document.uri);
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
      for (const change of e.changes) {
        service.invalidateSchema(change.uri);
        workspace.fileChanged(change.uri, change.type === 3);
      }
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
      const schemaUri =
        entry && service.store.bundled.folderUri
          ? `${service.store.bundled.folderUri}/${entry.file}`
          : info.schemaUri?.startsWith('file:')
            ? info.schemaUri
            : undefined;
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
    return o
      ? runSafe(log, 'completion', empty, token, () => {
          const list = service.doComplete(o.doc, params.position, o.settings);
          // Names defined elsewhere in the workspace, where a reference is expected.
          const names = workspace.ready
            ? workspace.index.completionNames(o.doc.uri, o.doc.offsetAt(params.position))
            : undefined;
          if (names) {
            const range = names.replace
              ? {
                  start: o.doc.positionAt(names.replace.offset),
                  end: o.doc.positionAt(names.replace.offset + names.replace.length),
                }
              : undefined;
            const seen = new Set(list.items.map((i) => i.label));
            for (const name of names.names) {
              if (seen.has(name)) continue;
              const item: CompletionItem = {
                label: name,
                kind: CompletionItemKind.Reference,
                detail: `defined ${names.namespace}`,
                sortText: '0' + name,
              };
              if (range) item.textEdit = { range, newText: name };
              list.items.push(item);
            }
          }
          return list;
        })
      : empty;
  });
  const indexed = async (uri: string) => {
    const o = await ours(uri);
    if (!o || !workspace.ready) return undefined;
    workspace.updateOpen(o.doc, o.settings);
    return o;
  };
  connection.onDefinition(async (params, token) => {
    const o = await indexed(params.textDocument.uri);
    return o
      ? runSafe(log, 'definition', [], token, () =>
          workspace.index
            .definition(o.doc.uri, o.doc.offsetAt(params.position))
            .map((l) => ({ uri: l.uri, range: l.range })),
        )
      : [];
  });
  connection.onReferences(async (params, token) => {
    const o = await indexed(params.textDocument.uri);
    return o
      ? runSafe(log, 'references', [], token, () =>
          workspace.index
            .references(o.doc.uri, o.doc.offsetAt(params.position), params.context.includeDeclaration)
            .map((l) => ({ uri: l.uri, range: l.range })),
        )
      : [];
  });
  connection.onPrepareRename(async (params, token) => {
    const o = await indexed(params.textDocument.uri);
    return o
      ? runSafe(log, 'prepareRename', null, token, () => {
          const r = workspace.index.prepareRename(o.doc.uri, o.doc.offsetAt(params.position));
          return r ? { range: r.range, placeholder: r.placeholder } : null;
        })
      : null;
  });
  connection.onRenameRequest(async (params, token) => {
    const o = await indexed(params.textDocument.uri);
    return o
      ? runSafe(log, 'rename', null, token, () => {
          const r = workspace.index.rename(o.doc.uri, o.doc.offsetAt(params.position), params.newName);
          if (!r) return null;
          const changes: Record<
            string,
            Array<{
              range: { start: { line: number; character: number }; end: { line: number; character: number } };
              newText: string;
            }>
          > = {};
          for (const [uri, edits] of Object.entries(r.changes))
            changes[uri] = edits.map((e) => ({ range: e.range, newText: e.newText }));
          return { changes };
        })
      : null;
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
    return o
      ? runSafe(log, 'selectionRange', [], token, () => service.getSelectionRanges(o.doc, params.positions))
      : [];
  });
  connection.onDocumentLinks(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o ? runSafe(log, 'documentLink', [], token, () => service.getDocumentLinks(o.doc, o.settings)) : [];
  });
  connection.onCodeAction(async (params, token) => {
    const o = await ours(params.textDocument.uri);
    return o
      ? runSafe(log, 'codeAction', [], token, () => {
          // Fixes of cross-file problems are verified against the index, brought up to this version first.
          if (workspace.ready && workspace.updateOpen(o.doc, o.settings)) scheduler.schedule(o.doc.uri, 0);
          return service.getCodeActions(
            o.doc,
            params.range,
            params.context,
            o.settings,
            workspace.crossFile(o.doc, o.settings),
          );
        })
      : [];
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
      const doc =
        open ??
        (text !== undefined ? TextDocument.create(uri, /\.json$/i.test(uri) ? 'json' : 'yaml', 0, text) : undefined);
      if (!doc) continue;
      const { doc: docSettings } = await documentSettings(uri);
      if (service.getAssociation(doc, docSettings).source === 'none') continue;
      const diagnostics = runSafe(log, 'validateWorkspace', [], undefined, () => [
        ...service.doValidation(doc, docSettings),
        ...workspace.diagnostics(doc, docSettings),
      ]);
      if (!Array.isArray(diagnostics)) continue;
      files++;
      problems += diagnostics.length;
      void connection.sendDiagnostics({ uri, version: open?.version, diagnostics });
      await new Promise<void>((r) => setImmediate(r));
    }
    return { files, problems };
  });

  connection.onRequest(IndexStatusRequest, (): IndexStatus => ({
    ready: workspace.ready,
    files: workspace.index.files().length,
    ...workspace.scanStats,
  }));

  registerMigrate(connection, documents, () => ({ service, workspaceFolders }), documentSettings, log);
  documents.listen(connection);
  connection.listen();
}
