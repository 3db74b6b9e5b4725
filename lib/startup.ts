import "server-only";
import { EnvError, getEnv } from "./env";

/** Stops the process with one readable line when the environment is missing or malformed. */
export function checkEnvironmentOrExit() {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`Fleet Live cannot start. ${error.message}`);
    process.exit(1);
  }
}
