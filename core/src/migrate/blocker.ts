import { problemMessages, say, type ProblemMessageId } from '../messages';
import type { Blocker } from './engine';

/** The sentence of a blocker, said at its path (its reason is a message id of the migrate catalog). */
export function blockerMessage(b: Pick<Blocker, 'reason' | 'args' | 'path'>): string {
  const id = (b.reason in problemMessages ? b.reason : 'migration.cannot-edit') as ProblemMessageId;
  return say(id, b.path, { value: '', to: '', other: '', allowed: '', label: '', ...b.args });
}
