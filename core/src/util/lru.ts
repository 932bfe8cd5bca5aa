/**
 * A bounded map that forgets the least recently used entry first: at most `max` entries and, with
 * `sizeOf`, at most `maxBytes` by that estimate. The entry set last is always kept, however large,
 * so a cache of one huge document still serves the requests that follow its validation.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private total = 0;
  constructor(
    private readonly max: number,
    private readonly bytes?: { maxBytes: number; sizeOf: (key: K, value: V) => number },
  ) {}

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (e !== undefined) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e?.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const bytes = this.bytes ? this.bytes.sizeOf(key, value) : 0;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    while (this.map.size > 1 && (this.map.size > this.max || (this.bytes && this.total > this.bytes.maxBytes)))
      this.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    const e = this.map.get(key);
    if (e === undefined) return;
    this.total -= e.bytes;
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  get size(): number {
    return this.map.size;
  }

  /** The estimated size of the entries held (0 without `sizeOf`). */
  get byteSize(): number {
    return this.total;
  }
}
