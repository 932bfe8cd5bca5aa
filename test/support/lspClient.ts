import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import { repoRoot } from './service';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/**
 * A real JSON-RPC client for the bundled server over stdio. It answers `workspace/configuration`
 * from `settings`, records published diagnostics and waits for them with deadlines (never sleeps).
 */
export class TestClient {
  readonly child: ChildProcess;
  readonly conn: MessageConnection;
  settings: Record<string, unknown> = {};
  private readonly published: PublishedDiagnostics[] = [];
  private readonly waiters: Array<{
    match: (p: PublishedDiagnostics) => boolean;
    resolve: (p: PublishedDiagnostics) => void;
  }> = [];
  stderr = '';
  /** The server's log lines (`window/logMessage`). */
  readonly logs: string[] = [];
  exited = false;

  /** `cwd`: the server's working directory (default: this process's). */
  constructor(args: string[] = ['--stdio'], env?: Record<string, string>, cwd?: string) {
    this.child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: env ? { ...process.env, ...env } : process.env,
      cwd,
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('exit', () => (this.exited = true));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.conn.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((i) => (i.section === 'tenantConfig' ? this.settings : null)),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i].match(p)) {
          this.waiters[i].resolve(p);
          this.waiters.splice(i, 1);
        }
      }
    });
    this.conn.listen();
  }

  /** `params` adds to the initialize request (e.g. `{ locale: 'fr' }`, or `initializationOptions`). */
  async initialize(
    rootUri: string,
    settings: Record<string, unknown> = {},
    params: Record<string, unknown> = {},
  ): Promise<unknown> {
    this.settings = settings;
    const result = await this.conn.sendRequest('initialize', {
      ...params,
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolve with the next diagnostics for `uri` (optionally of `version`), or reject after `ms`. */
  diagnostics(uri: string, version?: number, ms = 10_000): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const match = (p: PublishedDiagnostics): boolean =>
        p.uri === uri && (version === undefined || p.version === version);
      const timer = setTimeout(
        () =>
          reject(
            new Error(`no diagnostics for ${uri} v${version} within ${ms} ms; stderr: ${this.stderr.slice(-2000)}`),
          ),
        ms,
      );
      this.waiters.push({
        match,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  open(uri: string, text: string, languageId = 'tenant-yaml', version = 1, ms = 10_000): Promise<PublishedDiagnostics> {
    const wait = this.diagnostics(uri, version, ms);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return wait;
  }

  change(uri: string, version: number, changes: unknown[]): Promise<PublishedDiagnostics> {
    const wait = this.diagnostics(uri, version);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return wait;
  }

  /** Tell the server files changed on disk (1 created, 2 changed, 3 deleted). */
  filesChanged(changes: Array<{ uri: string; type: 1 | 2 | 3 }>): void {
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /**
   * Drop what was received so far (diagnostics, log lines, all but the tail of stderr). A long
   * session, such as the fuzzer's, calls it between cases: the record grows with every message.
   */
  forget(): void {
    this.published.length = 0;
    this.logs.length = 0;
    this.stderr = this.stderr.slice(-4000);
  }

  /** Every diagnostics notification received so far for `uri`. */
  publishedFor(uri: string): PublishedDiagnostics[] {
    return this.published.filter((p) => p.uri === uri);
  }

  close(uri: string): Promise<PublishedDiagnostics> {
    const wait = this.diagnostics(uri);
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return wait;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  /** A request of our protocol (protocol/src/methods.ts), typed by its declaration. */
  send<R>(type: RequestType0<R, void>): Promise<R>;
  send<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  send(type: { method: string }, params?: unknown): Promise<unknown> {
    return params === undefined ? this.conn.sendRequest(type.method) : this.conn.sendRequest(type.method, params);
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 3000);
      this.child.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}
