/**
 * The index pool: files read for the cross-file index in worker threads (`dist/indexWorker.js`),
 * for the language server's start-up scan and the linter's project index. Reading YAML is most of
 * the cost of indexing and is independent per file; a worker sends back only the file's facts,
 * packed for the trip (core/src/workspace/wire.ts), never its tree. Facts are handed over in the
 * order of the jobs, so the index does not depend on which worker finishes first; a failed
 * worker's files are read in this thread.
 */
import type { DocumentFormat, FileFacts, WireFacts } from '../../core/src/worker';
import { extractFile, factsFromWire, factsToWire, parseText, wireTransfer } from '../../core/src/worker';
import { WorkerPool, serveRequests } from './workerPool';

export { poolSize } from './workerPool';

export interface IndexRequest {
  uri: string;
  kind: string;
  text: string;
  format: DocumentFormat;
}

/** A file to index: what a worker needs to read it. */
export type IndexJob = IndexRequest;

/** Read one file into its facts, packed for the trip back (in a worker, or here). */
export function indexRequest(m: IndexRequest): { result: WireFacts; transfer: ArrayBuffer[] } {
  const facts = factsToWire(extractFile(m.uri, m.kind, parseText(m.text, m.format)));
  return { result: facts, transfer: wireTransfer(facts) };
}

/** In the index worker: answer index requests. */
export function serveIndexRequests(): boolean {
  return serveRequests(indexRequest);
}

export class IndexPool {
  private readonly pool: WorkerPool<IndexRequest, WireFacts>;

  /** A pool of `size` workers running `workerFile`; with no usable file, every read is in-process. */
  constructor(workerFile: string, size: number, log: (message: string) => void = () => undefined) {
    this.pool = new WorkerPool<IndexRequest, WireFacts>({
      file: workerFile,
      size,
      log: (m) => log(`indexing: ${m}`),
      inProcess: (r) => factsToWire(extractFile(r.uri, r.kind, parseText(r.text, r.format))),
    });
  }

  /** Number of live workers. */
  get size(): number {
    return this.pool.size;
  }

  /** The facts of a file; read by a worker when one is alive, else (or when it fails) in-process. */
  async extract(uri: string, kind: string, text: string, format: DocumentFormat): Promise<FileFacts> {
    return factsFromWire(await this.pool.run({ uri, kind, text, format }));
  }

  /**
   * Read every job and hand its facts to `add` in the order the jobs come, with a bounded number
   * of files in flight (their texts held meanwhile). `add` failing for one job does not stop the others.
   */
  async indexInOrder<J extends IndexJob>(
    jobs: AsyncIterable<J | undefined> | Iterable<J | undefined>,
    add: (facts: FileFacts, job: J) => void,
  ): Promise<void> {
    await this.pool.mapInOrder(
      jobs,
      (job) => ({ uri: job.uri, kind: job.kind, text: job.text, format: job.format }),
      (wire, job) => add(factsFromWire(wire), job),
    );
  }

  /** Stop the workers; later reads are in-process. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
