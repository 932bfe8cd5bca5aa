import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { AnalysisHost } from '../../core/src/index';
import { compileExclude, describeUnusable, isExcluded, localPath, walk, type UnusableGlob } from '../../node/src/index';
import type { TenantConfigSettings } from '../../protocol/src/index';
import { IndexPool, poolSize } from '../../node/src/index';
import type { Log } from './runSafe';
import type { ServerSettings } from './settings';
import type { ValidationScheduler } from './validator';

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 16;
/** Most files the start-up scan lists (the index holds every one in memory). */
const SCAN_LIMIT = 20_000;

/** Workers for the start-up scan: one per core (at most 4), or `TENANT_CONFIG_INDEX_WORKERS` (0: none). */
function workerCount(): number {
  const n = Number.parseInt(process.env.TENANT_CONFIG_INDEX_WORKERS ?? '', 10);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 16) : poolSize();
}

/**
 * The disk side of the workspace: every config file of the workspace folders is read (through the
 * gate) and indexed at start-up, and file events and closed documents keep the host current.
 * `workspace.exclude`, and the `ignore` and `crossFile` settings of the `.tenant-config.yaml`
 * above a file, leave files out on both paths. Whatever goes stale is republished by the scheduler.
 */
export class WorkspaceFiles {
  /** The start-up scan, for `tenantConfig/indexStatus`. */
  scanStats = { workers: 0, scanMs: 0 };
  /** Globs of `workspace.exclude` that cannot be used (reported once each, then ignored). */
  readonly unusableExcludes: UnusableGlob[] = [];
  private readonly reported = new Set<string>();

  constructor(
    private readonly host: AnalysisHost,
    private readonly settings: ServerSettings,
    private readonly scheduler: ValidationScheduler,
    private readonly log: Log,
    /** The bundled indexing worker (dist/indexWorker.js), see node/src/indexPool.ts. */
    private readonly workerFile = path.join(__dirname, 'indexWorker.js'),
  ) {}

  /** The config files of the workspace folders (local folders only), in walking order. */
  list(): string[] {
    const roots = this.settings.folders.flatMap((f) => {
      const local = localPath(f);
      return 'path' in local ? [local.path] : [];
    });
    return walk(roots, { maxFiles: SCAN_LIMIT }).files.map((f) => URI.file(f).toString());
  }

  /**
   * Read and index every config file of the workspace, then publish what the host finds. Files
   * are parsed by a pool of workers (see node/src/indexPool.ts) and added to the index in listing order, so
   * the result does not depend on which worker finishes first.
   */
  async scan(): Promise<void> {
    const started = Date.now();
    const uris = this.list();
    const pool = new IndexPool(this.workerFile, uris.length >= MIN_FILES_FOR_WORKERS ? workerCount() : 0, this.log);
    const workers = pool.size;
    let n = 0;
    // Settings are pulled from the client per file; files that are excluded, refused or of no kind yield nothing.
    const jobs = async function* (this: WorkspaceFiles) {
      for (const uri of uris) {
        try {
          const { settings, doc, project } = await this.settings.forDocument(uri);
          yield this.excluded(uri, settings) || !project.indexed ? undefined : this.host.indexJob(uri, doc);
        } catch (e) {
          this.log(`indexing ${uri} failed: ${(e as Error)?.stack ?? String(e)}`);
        }
      }
    };
    try {
      await pool.indexInOrder(jobs.call(this), (facts, job) => {
        this.host.addIndexed(job, facts);
        n++;
      });
    } finally {
      void pool.close();
    }
    const indexed = this.host.finishLoading();
    this.scanStats = { workers, scanMs: Date.now() - started };
    this.log(`indexed ${n} files in ${Date.now() - started} ms (${workers > 0 ? `${workers} workers` : 'in-process'})`);
    for (const uri of indexed) {
      this.scheduler.republish([uri]);
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  /** A file changed on disk (or was created or deleted): excluded files leave the index. */
  fileChanged(uri: string, deleted: boolean): void {
    void this.settings
      .forDocument(uri)
      .then(({ settings, doc, project }) => {
        const stale =
          this.excluded(uri, settings) || !project.indexed
            ? this.host.isIndexed(uri)
              ? this.host.forget(uri)
              : []
            : this.host.fileChanged(uri, doc, deleted);
        this.scheduler.republish(stale);
      })
      .catch((e) => this.log(`indexing ${uri} failed: ${(e as Error)?.stack ?? String(e)}`));
  }

  /**
   * Project configuration files changed, appeared or went away: they are read again when next
   * asked, and the files under them are read again with their new settings (schema associations,
   * so kinds, and severities may change), which republishes them: the workspace's config files
   * there and the indexed ones.
   */
  projectConfigChanged(configUris: readonly string[]): void {
    this.host.forgetProjectConfigs();
    const folders = configUris.map((u) => u.slice(0, u.lastIndexOf('/') + 1));
    const under = (uri: string): boolean => !this.host.isOpen(uri) && folders.some((f) => uri.startsWith(f));
    for (const uri of new Set([...this.list(), ...this.host.indexedFiles()].filter(under)))
      this.fileChanged(uri, false);
  }

  /** A document was closed (the host already knows): its file on disk counts again. */
  closed(uri: string): void {
    this.fileChanged(uri, false);
  }

  /** Whether `workspace.exclude` leaves a file out of the index; unusable globs are reported once and ignored. */
  private excluded(uri: string, settings: TenantConfigSettings): boolean {
    const exclude = compileExclude(settings.workspace.exclude);
    for (const u of exclude.unusable) {
      const key = `${u.index}:${u.length}:${u.start}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.unusableExcludes.push(u);
      for (const line of describeUnusable([u])) this.log(line);
    }
    return isExcluded(uri, this.settings.folders, exclude);
  }
}
