import "server-only";
import type { ErrorCode } from "./respond";

/** An error a route handler throws to answer with a given code; `handleRoute` maps it. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}
