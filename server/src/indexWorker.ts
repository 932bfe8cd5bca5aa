/**
 * The indexing worker: reads files for the workspace index off the main thread. It receives a
 * file's text and kind, parses it and sends back only the extracted facts (names, ranges), never
 * the tree. Bundled as dist/indexWorker.js; see indexPool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { parseText } from '../../core/src/worker';
import { extractFile } from '../../core/src/worker';
import { factsToWire, wireTransfer } from '../../core/src/worker';
import type { IndexRequest, IndexResponse } from './indexPool';

parentPort?.on('message', (m: IndexRequest) => {
  let reply: IndexResponse;
  try {
    const facts = factsToWire(extractFile(m.uri, m.kind, parseText(m.text, m.format)));
    parentPort?.postMessage({ id: m.id, facts } satisfies IndexResponse, wireTransfer(facts));
    return;
  } catch (e) {
    reply = { id: m.id, error: (e as Error)?.stack ?? String(e) };
  }
  parentPort?.postMessage(reply);
});
