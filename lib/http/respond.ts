import "server-only";

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "too_many_requests"
  | "upstream_unavailable"
  | "shutting_down"
  | "database_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  upstream_unavailable: 503,
  shutting_down: 503,
  database_unavailable: 503,
  internal: 500,
};

/** The one error body shape: `{ "error": { "code", "message" } }`, status in the status line. */
export function errorResponse(code: ErrorCode, message: string, init?: ResponseInit): Response {
  return Response.json(
    { error: { code, message } },
    { ...init, status: STATUS[code], headers: { "cache-control": "no-store", ...init?.headers } },
  );
}
