import {
  TextDocuments,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-types';
import * as path from 'node:path';
import {
  createAnalysisHost,
  EDITOR_VERIFY_MS,
  isProjectConfigUri,
  type AnalysisHost,
  type DocumentSettings,
} from '../../core/src/index';
import { FileGate, findDiagnosticsDoc, findSchemasDir, loadBundledSchemas, localPath } from '../../node/src/index';
import {
  IndexStatusRequest,
  SchemaInfoRequest,
  ValidateWorkspaceRequest,
  readInitializationOptions,
  type IndexStatus,
  type SchemaInfo,
  type ValidateWorkspaceResult,
} from '../../protocol/src/index';
import { WorkspaceFiles } from './workspace';
import { ServerSettings, SettingsCache } from './settings';
import { ValidationScheduler } from './validator';
import { runSafe, runSafeVoid } from './runSafe';
import { deferred } from './deferred';
import { loadMessageBundle } from './l10n';
import { registerMigrate } from './migrate';
import { AnalysisPool, analysisPoolSize } from './analysisPool';
import type { CodeCache } from './codeCache';

export interface ServerRuntime {
  /** Where the bundled schemas live; found next to the bundle by default. */
  schemasDir?: string;
  /** V8's code cache of our bundles (see codeCache.ts): written once the first diagnostics are out. */
  codeCache?: CodeCache;
}

/** How long after the first diagnostics the code cache is written (the work of a first open compiled by then). */
const CODE_CACHE_DELAY = 2000;

/** What main.ts calls once the engine is loaded. */
export interface StartedServer {
  /** The client said `initialized` (or never will): start the workers, the workspace scan, dynamic registrations. Once. */
  initialized(): void;
}

/**
 * Wire the analysis host to a connection whose `initialize` was answered (see main.ts and
 * capabilities.ts). Every handler is a few lines around the host.
 */
export function startServer(
  connection: Connection,
  params: InitializeParams,
  runtime: ServerRuntime = {},
): StartedServer {
  const log = (m: string): void => connection.console.error(m);
  const codeCache = runtime.codeCache?.dir ? runtime.codeCache : undefined;
  let cacheTimer: NodeJS.Timeout | undefined;
  const writeCodeCache = (): void => {
    if (cacheTimer) clearTimeout(cacheTimer);
    if (codeCache?.pending) codeCache.flush();
  };
  const documents = new TextDocuments(TextDocument);
  const gate = new FileGate();
  let pool: AnalysisPool | undefined;

  const schemasDir = runtime.schemasDir ?? findSchemasDir();
  // The host (and the bundled schemas it reads) is made on the next turn, or when first needed.
  const made = deferred(() =>
    createAnalysisHost({
      bundled: loadBundledSchemas(schemasDir, { load: codeCache ? (file) => codeCache.require(file) : undefined }),
      read: (uri, purpose) => gate.readUri(uri, { named: purpose === 'schema' }),
      diagnosticsDocUri: findDiagnosticsDoc(schemasDir),
      // Documents that exist only in the editor belong to the workspace; files only inside its folders.
      inWorkspace: (uri) => {
        const local = localPath(uri);
        return 'path' in local ? gate.contains(uri) : local.refusal === 'not-a-file-uri';
      },
    }),
  );
  const host: AnalysisHost = made.proxy;
  setTimeout(() => runSafeVoid(log, 'start-up', () => void made.force()), 0);
  const init = readInitializationOptions(params.initializationOptions);
  const locale = init.locale ?? params.locale;
  loadMessageBundle(locale, path.dirname(schemasDir));
  const cache = new SettingsCache(connection, init.settings);
  cache.canPull = !!params.capabilities.workspace?.configuration;
  const settings = new ServerSettings(cache, host, gate);
  settings.trusted = init.trusted !== false;
  let folders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
  settings.setFolders(folders);
  const scheduler = new ValidationScheduler(connection, host, settings, log);
  if (codeCache?.pending)
    scheduler.onFirstPublish = () => {
      cacheTimer = setTimeout(writeCodeCache, CODE_CACHE_DELAY);
      cacheTimer.unref();
    };
  const workspace = new WorkspaceFiles(host, settings, scheduler, log);
  const revalidateAll = (): void => scheduler.revalidateOpen(documents.keys());
  const dynamicConfig = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  const dynamicWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  let started = false;
  const initialized = (): void => {
    if (started) return;
    started = true;
    if (codeCache)
      connection.console.info(
        `code cache in ${codeCache.dir}: ${codeCache.status.map((e) => `${e.file} ${e.used ? 'used' : 'compiled from source'}`).join(', ')}`,
      );
    // Workers for large documents and user schemas, loading while the client sends its first documents.
    pool = new AnalysisPool(
      path.join(__dirname, 'server.js'),
      analysisPoolSize(),
      {
        schemasDir,
        locale,
        root: path.dirname(schemasDir),
        entry: path.join(__dirname, 'analysisWorker.js'),
        codeCacheDir: codeCache?.dir,
      },
      (uri) => host.readSchema(uri),
      log,
    );
    scheduler.pool = pool;
    if (pool.alive) host.setSchemaCompiler((uri) => pool!.compile(uri));
    // Index the workspace once the client has had a chance to send its settings.
    setTimeout(
      () => void workspace.scan().catch((e) => log(`indexing failed: ${(e as Error)?.stack ?? String(e)}`)),
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
        settings.setFolders(
          settings.folders.filter((f) => !e.removed.some((r) => r.uri === f)).concat(e.added.map((a) => a.uri)),
        );
        revalidateAll();
      });
    }
  };

  documents.onDidOpen((e) =>
    runSafeVoid(log, 'didOpen', () => {
      host.openDocument(e.document);
      scheduler.schedule(e.document.uri, 0);
    }),
  );
  documents.onDidChangeContent((e) =>
    runSafeVoid(log, 'didChange', () => {
      host.openDocument(e.document);
      scheduler.schedule(e.document.uri);
    }),
  );
  documents.onDidClose((e) =>
    runSafeVoid(log, 'didClose', () => {
      scheduler.cancel(e.document.uri);
      settings.cache.forget(e.document.uri);
      host.closeDocument(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      workspace.closed(e.document.uri);
    }),
  );

  connection.onDidChangeConfiguration((e) =>
    runSafeVoid(log, 'didChangeConfiguration', () => {
      settings.changed(e.settings);
      host.invalidateSchema();
      revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles((e) =>
    runSafeVoid(log, 'didChangeWatchedFiles', () => {
      for (const change of e.changes) {
        host.invalidateSchema(change.uri);
        workspace.fileChanged(change.uri, change.type === 3);
      }
      // A project configuration changed: read it again; the files under it get its new settings.
      const configs = e.changes.filter((c) => isProjectConfigUri(c.uri));
      if (configs.length) workspace.projectConfigChanged(configs.map((c) => c.uri));
      revalidateAll();
    }),
  );

  /** The settings of a document the server answers for: open, ours (plain YAML/JSON only with a schema) and not too large. */
  const ours = async (uri: string): Promise<DocumentSettings | undefined> => {
    const s = await oursAtAnySize(uri);
    return s && !host.isLarge(uri, s) ? s : undefined;
  };
  const oursAtAnySize = async (uri: string): Promise<DocumentSettings | undefined> => {
    if (!documents.get(uri)) return undefined;
    const { doc } = await settings.forDocument(uri);
    return host.isOurs(uri, doc) ? doc : undefined;
  };
  /** The same, with the document's index entry brought up to its version first (navigation, fixes). */
  const indexed = async (uri: string): Promise<DocumentSettings | undefined> => {
    const doc = await ours(uri);
    if (doc && (await settings.forDocument(uri)).project.indexed) scheduler.republish(host.indexOpen(uri, doc));
    return doc;
  };

  connection.onRequest(SchemaInfoRequest, async (params, token) => {
    const empty: SchemaInfo = { schemaId: '', title: '', source: 'none', detail: '' };
    if (!documents.get(params.uri)) return empty;
    const { doc } = await settings.forDocument(params.uri);
    return runSafe(log, 'schemaInfo', empty, token, () => host.schemaInfo(params.uri, doc));
  });

  connection.onCompletion(async (params, token) => {
    const empty: CompletionList = { isIncomplete: false, items: [] };
    const s = await ours(params.textDocument.uri);
    return s
      ? runSafe(log, 'completion', empty, token, () => host.completion(params.textDocument.uri, params.position, s))
      : empty;
  });
  connection.onDefinition(async (params, token) => {
    const s = await indexed(params.textDocument.uri);
    return s
      ? runSafe(log, 'definition', [], token, () => host.definition(params.textDocument.uri, params.position))
      : [];
  });
  connection.onReferences(async (params, token) => {
    const s = await indexed(params.textDocument.uri);
    const { uri } = params.textDocument;
    return s
      ? runSafe(log, 'references', [], token, () =>
          host.references(uri, params.position, params.context.includeDeclaration),
        )
      : [];
  });
  connection.onPrepareRename(async (params, token) => {
    const s = await indexed(params.textDocument.uri);
    return s
      ? runSafe(log, 'prepareRename', null, token, () => host.prepareRename(params.textDocument.uri, params.position))
      : null;
  });
  connection.onRenameRequest(async (params, token) => {
    const s = await indexed(params.textDocument.uri);
    return s
      ? runSafe(log, 'rename', null, token, () => host.rename(params.textDocument.uri, params.position, params.newName))
      : null;
  });
  connection.onHover(async (params, token) => {
    const s = await ours(params.textDocument.uri);
    return s ? runSafe(log, 'hover', null, token, () => host.hover(params.textDocument.uri, params.position, s)) : null;
  });
  // Outline and folding: from the tree, or from a scan of the lines for a document over the size limit.
  connection.onDocumentSymbol(async (params, token) => {
    const { uri } = params.textDocument;
    const s = await oursAtAnySize(uri);
    return s
      ? runSafe(log, 'documentSymbol', [], token, () =>
          host.isLarge(uri, s) ? host.largeSymbols(uri) : host.symbols(uri),
        )
      : [];
  });
  connection.onFoldingRanges(async (params, token) => {
    const { uri } = params.textDocument;
    const s = await oursAtAnySize(uri);
    return s
      ? runSafe(log, 'foldingRange', [], token, () =>
          host.isLarge(uri, s) ? host.largeFolding(uri) : host.foldingRanges(uri),
        )
      : [];
  });
  connection.onSelectionRanges(async (params, token) => {
    const s = await ours(params.textDocument.uri);
    return s
      ? runSafe(log, 'selectionRange', [], token, () => host.selectionRanges(params.textDocument.uri, params.positions))
      : [];
  });
  connection.onDocumentLinks(async (params, token) => {
    const s = await ours(params.textDocument.uri);
    return s ? runSafe(log, 'documentLink', [], token, () => host.links(params.textDocument.uri, s)) : [];
  });
  connection.onCodeAction(async (params, token) => {
    const start = Date.now();
    // Fixes of cross-file problems are verified against the index, brought up to this version first.
    const s = await indexed(params.textDocument.uri);
    return s
      ? runSafe(log, 'codeAction', [], token, () =>
          host.codeActions(params.textDocument.uri, params.range, params.context, s, {
            ms: EDITOR_VERIFY_MS,
            start,
            unverified: (n) =>
              log(`codeAction: ${n} candidate fixes not verified within ${EDITOR_VERIFY_MS} ms, not offered`),
          }),
        )
      : [];
  });
  connection.onDocumentFormatting(async (params) => {
    const s = await ours(params.textDocument.uri);
    if (!s) return [];
    try {
      return await host.format(params.textDocument.uri, params.options);
    } catch (e) {
      log(`formatting failed: ${(e as Error)?.stack ?? String(e)}`);
      return [];
    }
  });
  connection.onDocumentRangeFormatting(async (params) => {
    const s = await ours(params.textDocument.uri);
    if (!s) return [];
    try {
      return await host.format(params.textDocument.uri, params.options, params.range);
    } catch (e) {
      log(`range formatting failed: ${(e as Error)?.stack ?? String(e)}`);
      return [];
    }
  });

  connection.onRequest(ValidateWorkspaceRequest, async (_params, token): Promise<ValidateWorkspaceResult> => {
    let files = 0;
    let problems = 0;
    for (const uri of workspace.list()) {
      if (token.isCancellationRequested) break;
      const { doc, project } = await settings.forDocument(uri);
      if (project.ignored) continue;
      const checked = runSafe(log, 'validateWorkspace', undefined, undefined, () =>
        host.checkFile(uri, doc, { suppress: true }),
      );
      if (!checked || !('diagnostics' in checked)) continue;
      files++;
      problems += checked.diagnostics.length;
      void connection.sendDiagnostics({ uri, version: checked.version, diagnostics: checked.diagnostics });
      await new Promise<void>((r) => setImmediate(r));
    }
    return { files, problems };
  });

  connection.onRequest(IndexStatusRequest, (): IndexStatus => ({
    ready: host.indexReady,
    files: host.indexedFiles().length,
    ...workspace.scanStats,
    unusableExcludes: workspace.unusableExcludes.map((u) => ({ index: u.index, length: u.length, reason: u.reason })),
    analysisWorkers: pool?.ready ?? 0,
  }));

  registerMigrate(
    connection,
    () => ({ host, files: () => workspace.list() }),
    (uri) => settings.forDocument(uri),
    log,
  );
  connection.onShutdown(() => {
    writeCodeCache();
    return pool?.close();
  });
  documents.listen(connection);
  return { initialized };
}
