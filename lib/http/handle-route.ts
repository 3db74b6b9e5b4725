import "server-only";
import { DatabaseUnavailableError } from "@/lib/db/errors";
import { HttpError } from "./http-error";
import { errorResponse } from "./respond";
import { requireJson, requireSameSite, STATE_CHANGING } from "./same-site";

/**
 * Wraps a route handler so every failure answers in the one error body shape with its status in
 * the status line. A state-changing request (POST, PUT, PATCH, DELETE) must come from this site
 * and carry JSON (`requireSameSite`, `requireJson`) before the handler runs. A database that
 * cannot be reached is a 503 (try again); unknown errors become a 500 whose message says
 * nothing internal.
 */
export function handleRoute<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response> | Response,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      const [request] = args;
      if (request instanceof Request && STATE_CHANGING.has(request.method)) {
        requireSameSite(request);
        requireJson(request);
      }
      return await handler(...args);
    } catch (error) {
      return errorAnswer(error);
    }
  };
}

/** The answer for an error a handler threw. */
export function errorAnswer(error: unknown): Response {
  if (error instanceof HttpError) {
    return errorResponse(error.code, error.message, { headers: error.headers });
  }
  if (error instanceof DatabaseUnavailableError) {
    return errorResponse(
      "database_unavailable",
      "The database cannot be reached right now; please try again in a moment.",
      { headers: { "retry-after": "5" } },
    );
  }
  console.error(`[http] unexpected error: ${error instanceof Error ? error.name : "unknown"}`);
  return errorResponse("internal", "Something went wrong on the server; please try again.");
}
