/**
 * Runs once when the Next.js server starts, and the server answers only after it: a missing or
 * malformed variable or a database that cannot be migrated stops the server with one line, and
 * the live service starts polling so the first browser finds data already there (see
 * lib/startup.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("@/lib/startup");
    await startServer();
  }
}
