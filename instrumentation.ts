/**
 * Runs once when the Next.js server starts: a missing or malformed variable stops the server
 * before any request is served, and the live service starts polling so the first browser finds
 * data already there (see lib/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("@/lib/startup");
    startServer();
  }
}
