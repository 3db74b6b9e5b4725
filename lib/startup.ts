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
  getLiveService();
}
