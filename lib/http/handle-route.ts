import "server-only";
import { HttpError } from "./http-error";
import { errorResponse } from "./respond";

/**
 * Wraps a route handler so every failure answers in the one error body shape with its status in
 * the status line. Unknown errors become a 500 whose message says nothing internal.
 */
export function handleRoute<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response> | Response,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof HttpError) {
        return errorResponse(error.code, error.message, { headers: error.headers });
      }
      console.error(`[http] unexpected error: ${error instanceof Error ? error.name : "unknown"}`);
      return errorResponse("internal", "Something went wrong on the server; please try again.");
    }
  };
}
