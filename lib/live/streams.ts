/**
 * The open browser streams, each with the way to end it: on shutdown every stream is ended so
 * the server can exit at once (an open SSE response would hold it), and each browser reconnects
 * to whichever instance answers next. Streams are counted per session too, so one session (a
 * script, a leaked cookie) cannot hold an instance's every connection.
 */
export class StreamRegistry {
  private readonly ends = new Map<() => void, string | undefined>();
  private readonly perKey = new Map<string, number>();
  private readonly written = new Set<() => void>();
  private ending = false;

  get open(): number {
    return this.ends.size;
  }

  /** Streams written straight to their socket (lib/live/direct-stream.ts), not through Next.js. */
  get atSocket(): number {
    return this.written.size;
  }

  /** Streams open for one session (a person's sign-in, or a wall screen's display session). */
  openFor(key: string): number {
    return this.perKey.get(key) ?? 0;
  }

  opened(end: () => void, key?: string, atSocket = false) {
    this.ends.set(end, key);
    if (atSocket) this.written.add(end);
    if (key !== undefined) this.perKey.set(key, this.openFor(key) + 1);
  }

  closed(end: () => void) {
    if (!this.ends.has(end)) return;
    const key = this.ends.get(end);
    this.ends.delete(end);
    this.written.delete(end);
    if (key === undefined) return;
    const left = this.openFor(key) - 1;
    if (left > 0) this.perKey.set(key, left);
    else this.perKey.delete(key);
  }

  /**
   * Why one more stream for `key` would be too many, or undefined when it may open. Checked and
   * then opened in the same tick, so two requests cannot both take the last place.
   */
  refusal(
    key: string,
    limits: { perSession: number; max: number },
  ): { message: string; retryAfterS: number } | undefined {
    if (this.openFor(key) >= limits.perSession) {
      return {
        message: `This session already has ${limits.perSession} live streams open; close a tab or try again later.`,
        retryAfterS: 30,
      };
    }
    if (this.open >= limits.max) {
      return {
        message: "This server has as many live streams as it takes; try again.",
        retryAfterS: 5,
      };
    }
    return undefined;
  }

  /** True once the server is shutting down: no new stream should start. */
  get closing(): boolean {
    return this.ending;
  }

  endAll() {
    this.ending = true;
    for (const end of [...this.ends.keys()]) end();
  }
}
