/** How often each session with open streams is checked again (signed out, display link revoked). */
export const SESSION_RECHECK_MS = 30_000;

/** How a stream joins the registry. */
export type OpenedStream = {
  /** The session it belongs to: a person's sign-in, or a wall screen's display session. */
  key?: string;
  /**
   * Asked once per session every `SESSION_RECHECK_MS`: when it answers false, every stream of
   * that session ends (the browser's reconnect is then refused with a 401). Every stream of one
   * session carries the same check, so the first one given is the one asked.
   */
  stillValid?: () => Promise<boolean>;
  /** Written straight to its socket (lib/live/direct-stream.ts), not through Next.js. */
  atSocket?: boolean;
};

type Session = {
  ends: Set<() => void>;
  check?: () => Promise<boolean>;
  timer?: ReturnType<typeof setInterval>;
};

/**
 * The open browser streams, each with the way to end it: on shutdown every stream is ended so
 * the server can exit at once (an open SSE response would hold it), and each browser reconnects
 * to whichever instance answers next. Streams are grouped by session: one session (a script, a
 * leaked cookie) cannot hold an instance's every connection, and a session is checked again once
 * per interval however many streams it has (a control room's ten thousand screens on one display
 * session cost one check, not ten thousand at the same moment).
 */
export class StreamRegistry {
  private readonly ends = new Map<() => void, string | undefined>();
  private readonly sessions = new Map<string, Session>();
  private readonly written = new Set<() => void>();
  private ending = false;

  constructor(private readonly recheckMs = SESSION_RECHECK_MS) {}

  get open(): number {
    return this.ends.size;
  }

  /** Streams written straight to their socket (lib/live/direct-stream.ts), not through Next.js. */
  get atSocket(): number {
    return this.written.size;
  }

  /** Streams open for one session. */
  openFor(key: string): number {
    return this.sessions.get(key)?.ends.size ?? 0;
  }

  opened(end: () => void, { key, stillValid, atSocket = false }: OpenedStream = {}) {
    this.ends.set(end, key);
    if (atSocket) this.written.add(end);
    if (key === undefined) return;
    let session = this.sessions.get(key);
    if (!session) {
      session = { ends: new Set() };
      this.sessions.set(key, session);
    }
    session.ends.add(end);
    if (stillValid && !session.check) {
      session.check = stillValid;
      session.timer = setInterval(() => this.recheck(key), this.recheckMs);
      session.timer.unref?.();
    }
  }

  closed(end: () => void) {
    if (!this.ends.has(end)) return;
    const key = this.ends.get(end);
    this.ends.delete(end);
    this.written.delete(end);
    const session = key === undefined ? undefined : this.sessions.get(key);
    if (!session) return;
    session.ends.delete(end);
    if (session.ends.size > 0) return;
    clearInterval(session.timer);
    this.sessions.delete(key!);
  }

  private recheck(key: string) {
    this.sessions
      .get(key)
      ?.check?.()
      .then(
        (valid) => {
          if (valid) return;
          for (const end of [...(this.sessions.get(key)?.ends ?? [])]) end();
        },
        () => undefined, // A failed check (a disk hiccup) is not a revocation.
      );
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
