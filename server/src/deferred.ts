/**
 * An object made on first use. The server answers `initialize` before it reads the bundled
 * schemas (about 1 MB of JSON, the largest part of its start-up): the analysis host is made right
 * after the answer is sent, or by the first handler that needs it, whichever comes first.
 */
export interface Deferred<T extends object> {
  /** Stands for the object: any property read makes it (once). */
  readonly proxy: T;
  /** Make it now (once). */
  force(): T;
}

export function deferred<T extends object>(make: () => T): Deferred<T> {
  let made: T | undefined;
  const force = (): T => (made ??= make());
  const proxy = new Proxy({} as T, {
    get(_target, prop) {
      const real = force();
      const value: unknown = Reflect.get(real, prop, real);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
    has: (_target, prop) => Reflect.has(force(), prop),
  });
  return { proxy, force };
}
