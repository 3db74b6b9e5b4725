/**
 * The open browser streams, each with the way to end it: on shutdown every stream is ended so
 * the server can exit at once (an open SSE response would hold it), and each browser reconnects
 * to whichever instance answers next.
 */
export class StreamRegistry {
  private readonly ends = new Set<() => void>();
  private ending = false;

  get open(): number {
    return this.ends.size;
  }

  opened(end: () => void) {
    this.ends.add(end);
  }

  closed(end: () => void) {
    this.ends.delete(end);
  }

  /** True once the server is shutting down: no new stream should start. */
  get closing(): boolean {
    return this.ending;
  }

  endAll() {
    this.ending = true;
    for (const end of [...this.ends]) end();
  }
}
