/**
 * Joins callers asking for the same thing while it is being read: a page
 * opened by several people, or Refresh clicked twice, costs one set of
 * reads. Per process only, and only while a read is out, so replicas never
 * need to agree on it; the cache service keeps the answers.
 */
export class InFlight {
  readonly #reads = new Map<string, Promise<unknown>>();

  run<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.#reads.get(key);
    if (running) {
      return running as Promise<T>;
    }
    const started = read().finally(() => {
      this.#reads.delete(key);
    });
    this.#reads.set(key, started);
    return started;
  }
}
