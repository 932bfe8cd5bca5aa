/** The start-up scan's pool of indexing workers: shared with the linter, in node/ (node/src/indexPool.ts). */
export { IndexPool, poolSize, type IndexJob, type IndexRequest } from '../../node/src/index';
