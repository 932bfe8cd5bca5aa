import { messages, t, type MessageId } from '../messages';
import type { Blocker } from './engine';

/** The sentence of a blocker (its reason is a message id of the catalog). */
export function blockerMessage(b: Pick<Blocker, 'reason' | 'args'>): string {
  const id = (b.reason in messages ? b.reason : 'migration.cannot-edit') as MessageId;
  return t(id, { key: '', value: '', to: '', other: '', allowed: '', label: '', ...b.args });
}
