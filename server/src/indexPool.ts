/**
 * A pool of indexing workers for the start-up scan of a workspace. Reading YAML is most of the
 * cost of indexing, and it is independent per file: the pool spreads it over the machine's cores
 * and the main thread only adds the facts that come back to the index, so it stays free to answer
 * requests meanwhile. Without workers (the worker file missing, a worker failing) a file is read
 * in-process: the result is the same, only slower.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentFormat } from '../../core/src/worker';
import { parseText } from '../../core/src/worker';
import { extractFile } from '../../core/src/worker';
import { factsFromWire, type WireFacts } from '../../core/src/worker';
import type { FileFacts } from '../../core/src/worker';
import type { IndexJob as HostIndexJob } from '../../core/src/index';

export interface IndexRequest {
  id: number;
  uri: string;
  kind: string;
  text: string;
  format: DocumentFormat;
}

/** A file to index: what a worker needs to read it (the host's index job, read through the gate). */
export type IndexJob = Pick<HostIndexJob, 'uri' | 'kind' | 'text' | 'format'>;

export type IndexResponse =
  { id: number; facts: WireFacts; error?: undefined } | { id: number; error: string; facts?: undefined };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve(f: FileFacts): void; reject(e: Error): void }>;
  dead: boolean;
}

/** Workers for a machine: one per core, at most `max` (the main thread mostly waits meanwhile). */
export function poolSize(max = 4): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(max, cores));
}

export class IndexPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private next = 0;

  /** A pool of `size` workers running `workerFile`; with no usable file, every read is in-process. */
  constructor(
    workerFile: string,
    size: number,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    if (size < 1 || !fs.existsSync(workerFile)) return;
    for (let i = 0; i < size; i++) {
      try {
        const slot: Slot = { worker: new Worker(workerFile), pending: new Map(), dead: false };
        slot.worker.on('message', (m: IndexResponse) => {
          const p = slot.pending.get(m.id);
          if (!p) return;
          slot.pending.delete(m.id);
          if (m.facts) p.resolve(factsFromWire(m.facts));
          else p.reject(new Error(m.error));
        });
        const fail = (e: unknown): void => {
          slot.dead = true;
          for (const p of slot.pending.values()) p.reject(e instanceof Error ? e : new Error(String(e)));
          slot.pending.clear();
        };
        slot.worker.on('error', (e) => {
          this.log(`indexing worker failed: ${e?.stack ?? String(e)}`);
          fail(e);
        });
        slot.worker.on('exit', (code) => fail(new Error(`indexing worker exited (${code})`)));
        this.slots.push(slot);
      } catch (e) {
        this.log(`indexing worker not started: ${(e as Error)?.stack ?? String(e)}`);
      }
    }
  }

  /** Number of live workers. */
  get size(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  /** The facts of a file; read by a worker when one is alive, else (or when it fails) in-process. */
  async extract(uri: string, kind: string, text: string, format: DocumentFormat): Promise<FileFacts> {
    const slot = this.pick();
    if (slot) {
      try {
        return await new Promise<FileFacts>((resolve, reject) => {
          const id = this.nextId++;
          slot.pending.set(id, { resolve, reject });
          slot.worker.postMessage({ id, uri, kind, text, format } satisfies IndexRequest);
        });
      } catch (e) {
        this.log(`indexing ${uri} in a worker failed, reading it here: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    return extractFile(uri, kind, parseText(text, format));
  }

  /**
   * Read every job and hand its facts to `add` in the order the jobs come, with a bounded number
   * of files in flight (their texts held meanwhile). Without workers, reads happen here: requests
   * get a turn every 25 files. `add` failing for one job does not stop the others.
   */
  async indexInOrder<J extends IndexJob>(
    jobs: AsyncIterable<J | undefined> | Iterable<J | undefined>,
    add: (facts: FileFacts, job: J) => void,
  ): Promise<void> {
    const workers = this.size;
    const inFlight = Math.max(4, workers * 16);
    const queue: Array<{ job: J; facts: Promise<FileFacts> }> = [];
    const addOldest = async (): Promise<void> => {
      const { job, facts } = queue.shift()!;
      try {
        add(await facts, job);
      } catch (e) {
        this.log(`indexing ${job.uri} failed: ${(e as Error)?.stack ?? String(e)}`);
      }
    };
    let read = 0;
    for await (const job of jobs) {
      if (job) {
        const facts = this.extract(job.uri, job.kind, job.text, job.format);
        facts.catch(() => undefined); // awaited in order by addOldest
        queue.push({ job, facts });
        if (queue.length >= inFlight) await addOldest();
      }
      if (workers === 0 && ++read % 25 === 0) await new Promise<void>((r) => setImmediate(r));
    }
    while (queue.length) await addOldest();
  }

  /** The live worker with the fewest files in flight (round robin among equals). */
  private pick(): Slot | undefined {
    let best: Slot | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[(this.next + i) % this.slots.length];
      if (!s.dead && (!best || s.pending.size < best.pending.size)) best = s;
    }
    this.next++;
    return best;
  }

  /** Stop the workers (their memory goes with them); later reads are in-process. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
