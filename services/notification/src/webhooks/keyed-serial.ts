/**
 * Runs work one at a time per key, in the order it was handed in, and different keys side by side: the deliveries of
 * one document to one endpoint never overtake each other, while other documents and endpoints go on.
 */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Call synchronously in arrival order: the place in line is taken at the call, not when the work starts. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
