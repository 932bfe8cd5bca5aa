/**
 * A pool of worker threads for work that is independent per file (reading files for the index,
 * checking files), shared by the language server and the linter. Each request goes to the live
 * worker with the fewest in flight; results are handed back in the order the jobs came, whatever
 * the order workers finish in. The same work runs in this thread when there are no workers (the
 * worker file missing, a pool of size 0) and for a request whose worker failed or died (a crash,
 * an out-of-memory exit): the result is the same, only slower.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker, isMainThread, parentPort, workerData, type ResourceLimits } from 'node:worker_threads';

export interface PoolRequest<Req> {
  id: number;
  request: Req;
}

/** Data every worker keeps for later requests (e.g. the folders it may read), sent before them. */
export interface PoolShared {
  id: 0;
  shared: unknown;
}

export type PoolReply<Res> =
  { id: number; result: Res; error?: undefined } | { id: number; error: string; result?: undefined };

export interface WorkerPoolOptions<Req, Res> {
  /** The worker script (a bundle). Without it, every request runs in this thread. */
  file: string;
  size: number;
  /** Handed to each worker (`workerData`), e.g. what it needs to set itself up. */
  workerData?: unknown;
  resourceLimits?: ResourceLimits;
  /** The same work in this thread: for a pool without workers, and a request whose worker failed. */
  inProcess(request: Req): Res;
  log?(message: string): void;
}

interface Slot<Res> {
  worker: Worker;
  pending: Map<number, { resolve(r: Res): void; reject(e: Error): void }>;
  dead: boolean;
}

/** How many more requests than the least busy worker a home worker may have before its affinity spills over. */
const SPILL = 6;
/** With `here` (mapInOrder), this thread takes a job when every worker has this many in flight. */
const HERE_AFTER = 4;

/** Workers for a machine: one per core, at most `max`. */
export function poolSize(max = 4): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(max, cores));
}

export class WorkerPool<Req, Res> {
  private readonly slots: Array<Slot<Res>> = [];
  private nextId = 1;
  private next = 0;
  private readonly homes = new Map<string, Slot<Res>>();
  /** Requests a worker failed to answer, read in this thread instead. */
  fallbacks = 0;
  /** The last data shared with the workers (`share`), sent to each at start. */
  private shared: { data: unknown } | undefined;

  constructor(private readonly options: WorkerPoolOptions<Req, Res>) {
    if (options.size < 1 || !fs.existsSync(options.file)) return;
    for (let i = 0; i < options.size; i++) {
      try {
        this.slots.push(this.start());
      } catch (e) {
        this.log(`worker not started: ${(e as Error)?.message ?? String(e)}`);
      }
    }
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  private start(): Slot<Res> {
    const worker = new Worker(this.options.file, {
      workerData: this.options.workerData,
      resourceLimits: this.options.resourceLimits,
    });
    const slot: Slot<Res> = { worker, pending: new Map(), dead: false };
    if (this.shared) worker.postMessage({ id: 0, shared: this.shared.data } satisfies PoolShared);
    worker.on('message', (m: PoolReply<Res>) => {
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (m.error === undefined) p.resolve(m.result as Res);
      else p.reject(new Error(m.error));
    });
    const fail = (e: unknown): void => {
      slot.dead = true;
      for (const p of slot.pending.values()) p.reject(e instanceof Error ? e : new Error(String(e)));
      slot.pending.clear();
    };
    worker.on('error', (e) => {
      this.log(`worker failed: ${e?.message ?? String(e)}`);
      fail(e);
    });
    worker.on('exit', (code) => fail(new Error(`worker exited (${code})`)));
    return slot;
  }

  /**
   * Hand every worker data it keeps for the requests that follow (a worker's port delivers in
   * order, so a request sent after this sees it): see `serveRequests`.
   */
  share(data: unknown): void {
    this.shared = { data };
    for (const s of this.slots) if (!s.dead) s.worker.postMessage({ id: 0, shared: data } satisfies PoolShared);
  }

  /** Number of live workers. */
  get size(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  /**
   * The result of a request: from a worker when one is alive, else (or when it fails) from this
   * thread. Requests with the same `affinity` (the kind of file: the schemas a worker compiles for
   * it) go to the same worker while it is not far busier than the others.
   */
  async run(request: Req, options: { transfer?: readonly ArrayBuffer[]; affinity?: string } = {}): Promise<Res> {
    const slot = this.pick(options.affinity);
    const transfer = options.transfer;
    if (slot) {
      try {
        return await new Promise<Res>((resolve, reject) => {
          const id = this.nextId++;
          slot.pending.set(id, { resolve, reject });
          slot.worker.postMessage({ id, request } satisfies PoolRequest<Req>, transfer as ArrayBuffer[] | undefined);
        });
      } catch (e) {
        this.fallbacks++;
        this.log(`a worker failed, the file is read here: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    return this.options.inProcess(request);
  }

  /**
   * Run every job and hand each result to `each` in the order the jobs come, with a bounded
   * number in flight. Without workers, jobs run here and other events get a turn every 25 jobs.
   * With `here`, this thread takes jobs too while every worker has `HERE_AFTER` queued (it is
   * otherwise idle, waiting for them), giving the workers' replies a turn after each one.
   * `each` failing for one job does not stop the others (it is logged).
   */
  async mapInOrder<J>(
    jobs: AsyncIterable<J | undefined> | Iterable<J | undefined>,
    request: (job: J) => Req,
    each: (result: Res, job: J) => void,
    options: { inFlight?: number; affinity?: (job: J) => string | undefined; here?: boolean } = {},
  ): Promise<void> {
    const inFlight = options.inFlight ?? Math.max(4, this.size * 16 + (options.here ? 16 : 0));
    const queue: Array<{ job: J; result: Promise<Res> }> = [];
    const oldest = async (): Promise<void> => {
      const { job, result } = queue.shift()!;
      try {
        each(await result, job);
      } catch (e) {
        this.log(`a job failed: ${(e as Error)?.stack ?? String(e)}`);
      }
    };
    let n = 0;
    for await (const job of jobs) {
      if (job !== undefined) {
        const here = options.here === true && this.size > 0 && this.allBusy();
        const result = here
          ? this.runHere(request(job))
          : this.run(request(job), { affinity: options.affinity?.(job) });
        result.catch(() => undefined); // awaited in order by `oldest`
        queue.push({ job, result });
        // After a job here, the workers' replies get a turn (they free the workers for more).
        if (here) await new Promise<void>((r) => setImmediate(r));
        if (queue.length >= inFlight) await oldest();
      }
      if (this.size === 0 && ++n % 25 === 0) await new Promise<void>((r) => setImmediate(r));
    }
    while (queue.length) await oldest();
  }

  /** Every live worker has `HERE_AFTER` requests or more in flight. */
  private allBusy(): boolean {
    return this.slots.every((s) => s.dead || s.pending.size >= HERE_AFTER);
  }

  private runHere(request: Req): Promise<Res> {
    try {
      return Promise.resolve(this.options.inProcess(request));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /**
   * The worker for a request: the home worker of its affinity while it has at most `SPILL` more in
   * flight than the least busy one, else the least busy (round robin among equals).
   */
  private pick(affinity?: string): Slot<Res> | undefined {
    let best: Slot<Res> | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[(this.next + i) % this.slots.length];
      if (!s.dead && (!best || s.pending.size < best.pending.size)) best = s;
    }
    this.next++;
    if (!best || affinity === undefined) return best;
    let home = this.homes.get(affinity);
    if (!home || home.dead) this.homes.set(affinity, (home = best));
    return home.pending.size <= best.pending.size + SPILL ? home : best;
  }

  /** Stop the workers (their memory goes with them); later requests run in this thread. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}

/**
 * In a worker thread: answer the pool's requests with `handle` (its result, and the buffers to
 * transfer rather than copy). A request that throws is answered with the error, and the pool
 * reads that file in its own thread. Returns false outside a worker.
 */
export function serveRequests<Req, Res>(
  handle: (request: Req) => { result: Res; transfer?: ArrayBuffer[] },
  onShared?: (data: unknown) => void,
): boolean {
  if (isMainThread || !parentPort) return false;
  const port = parentPort;
  port.on('message', (m: PoolRequest<Req> | PoolShared) => {
    if ('shared' in m) {
      onShared?.(m.shared);
      return;
    }
    let reply: PoolReply<Res>;
    try {
      const { result, transfer } = handle(m.request);
      port.postMessage({ id: m.id, result } satisfies PoolReply<Res>, transfer);
      return;
    } catch (e) {
      reply = { id: m.id, error: (e as Error)?.stack ?? String(e) };
    }
    port.postMessage(reply);
  });
  return true;
}

/** The data the pool handed to this worker (undefined in the main thread). */
export function poolWorkerData<T>(): T | undefined {
  return isMainThread ? undefined : (workerData as T);
}
