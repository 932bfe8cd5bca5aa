/**
 * An analysis worker: checks chunks of documents and compiles user schemas off the main thread
 * (see analysisPool.ts). It loads the bundled schemas (and their precompiled validators) and the
 * message translations the main thread uses, so its problems are the main thread's. A user
 * schema's files are read by the main thread, through its reading gate: the worker asks on its
 * read port and waits for the answer. Bundled as dist/analysisWorker.js.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { createChunkChecker, type ReadFile } from '../../core/src/index';
import { loadBundledSchemas } from '../../node/src/index';
import { loadMessageBundle } from './l10n';
import type { AnalysisInit, AnalysisRequest, AnalysisResponse } from './analysisPool';

/** How long a read may take the main thread before the file counts as unreadable. */
const READ_TIMEOUT_MS = 30_000;

const init = workerData as AnalysisInit & { reads: MessagePort; signal: SharedArrayBuffer };
loadMessageBundle(init.locale, init.root);
const checker = createChunkChecker(loadBundledSchemas(init.schemasDir));
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

parentPort?.on('message', (m: AnalysisRequest) => {
  try {
    if (m.type === 'check') {
      const problems = checker.check(m.jobs, m.format, m.ref);
      reply(problems ? { id: m.id, problems } : { id: m.id, error: 'unknown schema', unknownSchema: true });
    } else reply({ id: m.id, compiled: checker.compile(m.uri, readFile) });
  } catch (e) {
    reply({ id: m.id, error: (e as Error)?.stack ?? String(e) });
  }
});
reply({ type: 'ready' });
