/**
 * Runs once when the Next.js server starts: a missing or malformed variable stops the server
 * before any request is served (see lib/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("@/lib/startup");
    checkEnvironmentOrExit();
  }
}
