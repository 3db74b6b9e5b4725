import { connect } from "node:net";

/** Whether anything accepts a connection on `port` at `host` (a refusal or no answer is "no"). */
function accepts(port: number, host: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Fails at once when something already listens on `port` (IPv4 or IPv6 loopback). A starter
 * that then waits for "something answers" would take a process left from an earlier run for the
 * one it started, and a test would talk to the wrong server.
 */
export async function refuseBusyPort(port: number, what: string): Promise<void> {
  for (const host of ["127.0.0.1", "::1"]) {
    if (await accepts(port, host, 1_000)) {
      throw new Error(
        `port ${port} already answers (${host}), so ${what} will not start there: stop what listens on it (a leftover from an earlier run?) or choose another port`,
      );
    }
  }
}
