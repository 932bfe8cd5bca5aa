import { TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver';
import { FIX_ALL_KIND } from '../../protocol/src/initialization';

/**
 * The answer to `initialize`: what the server can do. It depends on nothing the analysis needs,
 * so it is sent before the server's engine (serverEngine.js) is loaded (see main.ts).
 */
export function initializeResult(): InitializeResult {
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
}
