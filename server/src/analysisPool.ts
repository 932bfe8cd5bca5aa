/**
 * Analysis workers: chunks of documents too large for one step of the main thread checked, and
 * user schemas compiled, off the main thread, so it stays free to answer requests. Workers start
 * when first needed (loading their bundle takes a moment and a core: until one is ready, the main
 * thread answers requests and waits). A user schema's compiled form goes to a worker once; later chunks
 * name it by key. A worker that fails is not replaced: its jobs fail and the caller does them here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import { WORKER_ARG } from './codeCache';
import {
  remoteKey,
  type ChunkJob,
  type CompiledUserSchema,
  type Problem,
  type ReadFile,
  type RemoteSchemaRef,
  type SchemaRef,
} from '../../core/src/index';
import type { DocumentFormat } from '../../core/src/index';
import type { Log } from './runSafe';

/** What a worker is started with. */
export interface AnalysisInit {
  schemasDir: string;
  /** The worker's bundle, which the entry (`workerFile`) loads, and the code cache folder it loads it through. */
  entry: string;
  codeCacheDir?: string;
  /** Display language of messages, and the folder holding l10n/. */
  locale?: string;
  root: string;
}

export type AnalysisRequest =
  | { type: 'check'; id: number; jobs: ChunkJob[]; format: DocumentFormat; ref: RemoteSchemaRef }
  | { type: 'compile'; id: number; uri: string };

export type AnalysisResponse =
  | { type: 'ready'; id?: undefined }
  | { id: number; problems: Problem[][]; type?: undefined }
  | { id: number; compiled: CompiledUserSchema; type?: undefined }
  | { id: number; error: string; unknownSchema?: boolean; type?: undefined };

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  busy: number;
  /** Keys of the user schemas this worker was sent. */
  schemas: Set<string>;
  pending: Map<number, { resolve(r: AnalysisResponse): void; reject(e: Error): void }>;
}

/** Workers for this machine: one core stays with the main thread (at least one worker, at most three). */
export function analysisPoolSize(): number {
  const n = Number.parseInt(process.env.TENANT_CONFIG_ANALYSIS_WORKERS ?? '', 10);
  if (Number.isInteger(n) && n >= 0) return Math.min(n, 8);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(3, cores - 1));
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly freed = new Set<() => void>();
  private nextId = 1;
  private started = false;
  private readonly size: number;

  constructor(
    private readonly workerFile: string,
    size: number,
    private readonly init: AnalysisInit,
    private readonly read: ReadFile,
    private readonly log: Log,
  ) {
    this.size = size >= 1 && fs.existsSync(workerFile) && fs.existsSync(init.entry) ? size : 0;
  }

  /** Start the workers (once); they report ready when loaded. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { workerFile, init } = this;
    for (let i = 0; i < this.size; i++) {
      try {
        this.slots.push(this.spawn(workerFile, init));
      } catch (e) {
        this.log(`analysis worker not started: ${(e as Error)?.stack ?? String(e)}`);
      }
    }
  }

  private spawn(workerFile: string, init: AnalysisInit): Slot {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const flag = new Int32Array(signal);
    const worker = new Worker(workerFile, {
      argv: [WORKER_ARG],
      workerData: { ...init, reads: port2, signal },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    const slot: Slot = { worker, ready: false, dead: false, busy: 0, schemas: new Set(), pending: new Map() };
    // The worker waits while its files are read here, through the gate.
    port1.on('message', (uri: string) => {
      let result: ReturnType<ReadFile>;
      try {
        result = this.read(uri);
      } catch (e) {
        result = { error: String((e as Error)?.message ?? e) };
      }
      port1.postMessage({ uri, result });
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
    worker.on('message', (m: AnalysisResponse) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.notifyFree();
        return;
      }
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      p.resolve(m);
    });
    const fail = (e: Error): void => {
      if (slot.dead) return;
      slot.dead = true;
      port1.close();
      for (const p of slot.pending.values()) p.reject(e);
      slot.pending.clear();
      this.notifyFree();
    };
    worker.on('error', (e) => {
      this.log(`analysis worker failed: ${e?.stack ?? String(e)}`);
      fail(e);
    });
    worker.on('exit', (code) => fail(new Error(`analysis worker exited (${code})`)));
    return slot;
  }

  /** Workers that are ready and have nothing to do. */
  get free(): number {
    return this.slots.filter((s) => s.ready && !s.dead && s.busy === 0).length;
  }

  /** Workers that are loaded and not dead. */
  get ready(): number {
    return this.slots.filter((s) => s.ready && !s.dead).length;
  }

  /** Workers that are alive (ready or starting), or that would start when needed. */
  get alive(): number {
    return this.started ? this.slots.filter((s) => !s.dead).length : this.size;
  }

  /** Call `f` whenever a worker becomes free (until the returned function is called). */
  onFree(f: () => void): () => void {
    this.freed.add(f);
    return () => this.freed.delete(f);
  }

  private notifyFree(): void {
    for (const f of [...this.freed]) f();
  }

  private pick(ready: boolean): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) {
      if (s.dead || (ready && !s.ready)) continue;
      if (!best || s.busy < best.busy || (s.ready && !best.ready && s.busy === best.busy)) best = s;
    }
    return best;
  }

  private request(slot: Slot, m: AnalysisRequest): Promise<AnalysisResponse> {
    slot.busy++;
    return new Promise<AnalysisResponse>((resolve, reject) => {
      slot.pending.set(m.id, { resolve, reject });
      slot.worker.postMessage(m);
    }).finally(() => {
      slot.busy--;
      if (slot.busy === 0) this.notifyFree();
    });
  }

  /** Check chunks on a free worker: their problems, in order. Rejects when no worker could. */
  async check(jobs: ChunkJob[], format: DocumentFormat, ref: SchemaRef): Promise<Problem[][]> {
    const slot = this.pick(true);
    if (!slot) throw new Error('no analysis worker');
    const key = ref.user ? remoteKey(ref.user) : undefined;
    const send = (full: boolean): Promise<AnalysisResponse> =>
      this.request(slot, {
        type: 'check',
        id: this.nextId++,
        jobs,
        format,
        ref: key ? { uri: ref.uri, key, user: full ? ref.user : undefined } : { uri: ref.uri },
      });
    let r = await send(!!key && !slot.schemas.has(key));
    if ('unknownSchema' in r && r.unknownSchema) r = await send(true);
    if (key) slot.schemas.add(key);
    if ('problems' in r) return r.problems;
    throw new Error('error' in r ? r.error : 'no answer');
  }

  /** Compile a user schema on a worker (started or not); rejects when there is none. */
  async compile(uri: string): Promise<CompiledUserSchema> {
    this.start();
    const slot = this.pick(false);
    if (!slot) throw new Error('no analysis worker');
    const r = await this.request(slot, { type: 'compile', id: this.nextId++, uri });
    if ('compiled' in r) return r.compiled;
    throw new Error('error' in r ? r.error : 'no answer');
  }

  /** Stop the workers. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
