import "server-only";

/**
 * The database could not be reached (a Postgres server down or restarting, a connection that
 * timed out). Routes answer 503 for it (lib/http/handle-route.ts): the request may be tried
 * again, and nothing about the database's address or credentials is in the message.
 */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(options?: ErrorOptions) {
    super("The database cannot be reached.", options);
  }
}

/** Network errors, and SQLSTATE classes 08 (connection), 53 (resources) and 57P (shutdown). */
const UNAVAILABLE_CODES =
  /^(08|53|57P)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|EAI_AGAIN)$/;
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection timeout|Connection terminated|the embedded database's server is not running/;

/** True when an error (or its cause, as Drizzle wraps driver errors) means "cannot reach". */
export function isUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof DatabaseUnavailableError) return true;
    const { code, message, cause } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === "string" && UNAVAILABLE_CODES.test(code)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}

/**
 * The first line of what went wrong, in the database's own words: Drizzle's "Failed query: <sql>
 * params: …" and our "cannot be reached" wrap the driver's error, which says what failed. No URL.
 */
export function reasonOf(error: unknown): string {
  let current: unknown = error;
  while (
    current instanceof Error &&
    current.cause instanceof Error &&
    (current instanceof DatabaseUnavailableError || current.message.startsWith("Failed query"))
  ) {
    current = current.cause;
  }
  const message = current instanceof Error ? current.message : String(current);
  return (message.split("\n")[0] ?? "").replace(/postgres(ql)?:\/\/\S+/g, "postgres://…");
}
