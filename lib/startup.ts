import "server-only";
import { matchDemoAccounts } from "./auth/users";
import { describeConfig } from "./db/database";
import { reasonOf } from "./db/errors";
import { startDatabase } from "./db/server";
import { EnvError, getEnv, requireProductionSettings, requireSharedDatabase } from "./env";
import { recordPeerAddresses } from "./http/peer-address";
import { offerDirectAnswers } from "./live/direct-stream";
import { getLiveService } from "./live/service";

/**
 * Stops the process with one readable line when the environment is missing or malformed, or
 * the database cannot be opened, migrated or imported into; otherwise the database is ready
 * before the server answers its first request, and the live service starts.
 */
export async function startServer() {
  // Before the first request: sign-in throttling counts per client address (lib/http/client-address.ts).
  recordPeerAddresses();
  try {
    requireSharedDatabase(getEnv());
    requireProductionSettings(getEnv());
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    stop(error.message);
  }
  try {
    await startDatabase();
    await matchDemoAccounts();
  } catch (error) {
    const { engine, location } = describeConfig(getEnv().database);
    const where =
      engine === "pglite" ? `the embedded database in ${location}` : `Postgres at ${location}`;
    stop(`The database is not ready (${where}): ${reasonOf(error)}`);
  }
  const live = getLiveService();
  // Next.js closes the server on SIGTERM (and Ctrl-C) and waits for open responses; an SSE stream never ends
  // by itself, so end them all, and the browsers reconnect to whichever instance answers next.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => live.streams.endAll());
  }
  offerDirectAnswers();
}

function stop(reason: string): never {
  console.error(`Fleet Live cannot start. ${reason}`);
  process.exit(1);
}
