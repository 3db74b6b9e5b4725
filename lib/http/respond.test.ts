import { describe, expect, it } from "vitest";
import { errorResponse, type ErrorCode } from "./respond";

const CODES: Record<ErrorCode, number> = {
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

describe("errorResponse", () => {
  it.each(Object.entries(CODES) as [ErrorCode, number][])(
    "answers %s with status %i and the one error body",
    async (code, status) => {
      const response = errorResponse(code, "What went wrong, and what to do.");
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        error: { code, message: "What went wrong, and what to do." },
      });
    },
  );

  it("is never cached, and keeps the headers the caller adds", () => {
    const response = errorResponse("too_many_requests", "Slow down.", {
      headers: { "retry-after": "30" },
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("retry-after")).toBe("30");
  });

  it("takes its status from the code, never from the caller", () => {
    expect(errorResponse("not_found", "Gone.", { status: 200 }).status).toBe(404);
  });
});
