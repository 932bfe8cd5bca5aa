/**
 * Linting on worker threads. The bundle (`dist/cli.js`) is also the worker: started by the pool
 * with its `workerData`, it builds a host of its own on a gate with the run's roots and named
 * files (shared once known), and answers file jobs (see fileJob.ts). The main thread hands the
 * files to the workers, checks files itself while they are busy, and takes the results in
 * argument order (node/src/workerPool.ts), so the report does not depend on timing; a worker
 * that crashes or runs out of memory has its files read in the main thread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisHost } from '../../core/src/index';
import {
  FileGate,
  WorkerPool,
  findSchemasDir,
  loadBundledSchemas,
  poolSize,
  poolWorkerData,
  serveRequests,
} from '../../node/src/index';
import { hostOn, packageRoot } from './engine';
import { runFileJob, type FileJob, type FileResult } from './fileJob';

const ROLE = 'tenant-config-lint';

interface LintWorkerData {
  role: typeof ROLE;
}

/** What a worker may read (user schemas and what they reference): shared with the workers once known. */
export interface LintAccess {
  roots: string[];
  named: string[];
}

/** In a worker thread started by the pool: answer file jobs. False in the main thread. */
export function startLintWorker(): boolean {
  const data = poolWorkerData<LintWorkerData>();
  if (data?.role !== ROLE) return false;
  const gate = new FileGate({ roots: [] });
  const host = hostOn(gate, loadBundledSchemas(findSchemasDir(__dirname)));
  return serveRequests(
    (job: FileJob) => {
      gate.name(host.namedSchemaFiles(job.settings));
      return runFileJob(host, job);
    },
    (shared) => {
      const access = shared as LintAccess;
      gate.setRoots(access.roots);
      gate.name(access.named);
    },
  );
}

/**
 * Below this much work, starting workers costs more than it saves: each worker loads the bundle
 * and compiles the schemas of the kinds it checks (a second or more for the largest ones). A file
 * to lint counts 1, a file only indexed (parsed, not checked) a quarter.
 */
export const MIN_WORK_FOR_WORKERS = 150;

const envInt = (name: string, env: Record<string, string | undefined>): number | undefined => {
  const raw = env[name];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
};

/**
 * The workers of a run, for runs with enough work: one per core but one (at most 3), the main
 * thread checking files too while they are busy; `TENANT_CONFIG_WORKERS` sets the count (0: none),
 * `TENANT_CONFIG_WORKER_HEAP_MB` the heap of each. The worker is the bundle itself; run from the
 * compiled sources there are none. What the workers may read is told later (`pool.share`).
 */
export function createLintPool(
  work: { lint: number; index: number },
  env: Record<string, string | undefined>,
  inProcess: () => AnalysisHost,
  log: (message: string) => void,
): WorkerPool<FileJob, FileResult> {
  const bundle = path.join(packageRoot(), 'dist', 'cli.js');
  const requested = envInt('TENANT_CONFIG_WORKERS', env);
  const size =
    requested !== undefined
      ? Math.min(requested, 16)
      : work.lint + work.index / 4 >= MIN_WORK_FOR_WORKERS
        ? Math.max(1, poolSize(4) - 1)
        : 0;
  const heap = envInt('TENANT_CONFIG_WORKER_HEAP_MB', env);
  return new WorkerPool<FileJob, FileResult>({
    file: size > 0 && __filename === bundle && fs.existsSync(bundle) ? bundle : '',
    size,
    workerData: { role: ROLE } satisfies LintWorkerData,
    resourceLimits: heap ? { maxOldGenerationSizeMb: heap } : undefined,
    inProcess: (job) => runFileJob(inProcess(), job, true).result,
    log,
  });
}
