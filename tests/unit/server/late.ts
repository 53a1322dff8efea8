// A suite's body runs before its beforeAll opens what the tests use: `late` hands the body a stand-in
// that reaches the real object once it exists.

/** Stands for the object `current()` returns once it exists (inside a hook or a test). */
export function late<T extends object>(current: () => T | undefined): T {
  const now = (): T => {
    const t = current();
    if (!t) throw new Error('opened in beforeAll: use it inside a test or a hook');
    return t;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const t = now();
      const v: unknown = Reflect.get(t, key, t);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
    has: (_, key) => Reflect.has(now(), key),
  });
}
