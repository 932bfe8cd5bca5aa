/**
 * An analysis worker: checks chunks of documents and compiles user schemas off the main thread
 * (see analysisPool.ts). It loads the bundled schemas (and their precompiled validators) and the
 * message translations the main thread uses, so its problems are the main thread's. A user
 * schema's files are read by the main thread, through its reading gate: the worker asks on its
 * read port and waits for the answer. Bundled as dist/analysisWorker.js, started through the
 * server's entry (boot.ts) so that it loads from the code cache too.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { createChunkChecker, type ReadFile } from '../../core/src/index';
import { loadBundledSchemas } from '../../node/src/index';
import { loadMessageBundle } from './l10n';
import type { AnalysisInit, AnalysisRequest, AnalysisResponse } from './analysisPool';
import type { CodeCache } from './codeCache';

/** How long a read may take the main thread before the file counts as unreadable. */
const READ_TIMEOUT_MS = 30_000;

/** How long after its first answer a worker writes its code cache. */
const CODE_CACHE_DELAY = 1000;

const init = workerData as AnalysisInit & { reads: MessagePort; signal: SharedArrayBuffer };
const signal = new Int32Array(init.signal);

/** A file read by the main thread: ask, then wait until it has answered. */
const readFile: ReadFile = (uri) => {
  Atomics.store(signal, 0, 0);
  init.reads.postMessage(uri);
  Atomics.wait(signal, 0, 0, READ_TIMEOUT_MS);
  // An answer to an earlier read that timed out may come first: skip it.
  for (let answer = receiveMessageOnPort(init.reads); answer; answer = receiveMessageOnPort(init.reads)) {
    const { uri: read, result } = answer.message as { uri: string; result: ReturnType<ReadFile> };
    if (read === uri) return result;
  }
  return { error: 'the file was not read in time' };
};

const reply = (m: AnalysisResponse): void => parentPort?.postMessage(m);

/** Start answering the main thread (called by boot.ts with the code cache it loaded this bundle from). */
export function run(codeCache?: CodeCache): void {
  loadMessageBundle(init.locale, init.root);
  const checker = createChunkChecker(
    loadBundledSchemas(init.schemasDir, { load: codeCache?.dir ? (file) => codeCache.require(file) : undefined }),
  );
  let cacheTimer: NodeJS.Timeout | undefined;
  parentPort?.on('message', (m: AnalysisRequest) => {
    try {
      if (m.type === 'check') {
        const problems = checker.check(m.jobs, m.format, m.ref);
        reply(problems ? { id: m.id, problems } : { id: m.id, error: 'unknown schema', unknownSchema: true });
      } else reply({ id: m.id, compiled: checker.compile(m.uri, readFile) });
    } catch (e) {
      reply({ id: m.id, error: (e as Error)?.stack ?? String(e) });
    }
    if (!cacheTimer && codeCache?.pending) {
      cacheTimer = setTimeout(() => codeCache.flush(), CODE_CACHE_DELAY);
      cacheTimer.unref();
    }
  });
  reply({ type: 'ready' });
}
