import "server-only";
import { EnvError, getEnv } from "./env";
import { getLiveService } from "./live/service";

/**
 * Stops the process with one readable line when the environment is missing or malformed;
 * otherwise starts the live service.
 */
export function startServer() {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Fleet Live cannot start. ${error.message}`);
    process.exit(1);
  }
  const live = getLiveService();
  // Next.js closes the server on SIGTERM (and Ctrl-C) and waits for open responses; an SSE stream never ends
  // by itself, so end them all, and the browsers reconnect to whichever instance answers next.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => live.streams.endAll());
  }
}
