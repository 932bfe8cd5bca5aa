/**
 * The indexing worker: reads files for the workspace index off the main thread. It receives a
 * file's text and kind, parses it and sends back only the extracted facts (names, ranges), never
 * the tree. Bundled as dist/indexWorker.js; see node/src/indexPool.ts.
 */
import { serveIndexRequests } from '../../node/src/index';

serveIndexRequests();
