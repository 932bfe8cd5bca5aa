/**
 * How the language server's process is started: the client's launch options, which the fuzzer
 * copies. Its V8 heap is bounded, so that garbage is collected before the process reaches
 * gigabytes: without a bound, V8 sizes the heap from the machine's memory (4 GB on most) and
 * collects lazily, and 30 minutes of hostile editing took the server to 4 GB of resident memory,
 * most of it garbage. The bound holds with room to spare what the server keeps: its caches (about
 * 300 MB by their estimates, see `CACHE_BYTES` in core/src/languageService.ts), the workspace index
 * and a document under the large-document limit. The analysis workers are bounded alike (V8's
 * flags apply to every thread).
 */
export const SERVER_HEAP_MB = 1536;

/** Node options of the server's process. */
export const SERVER_EXEC_ARGV: readonly string[] = [`--max-old-space-size=${SERVER_HEAP_MB}`];
