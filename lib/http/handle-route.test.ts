import { describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError } from "@/lib/db/errors";
import { handleRoute } from "./handle-route";
import { HttpError } from "./http-error";

vi.mock("@/lib/env", () => ({ getEnv: () => ({ publicUrl: undefined }) }));

const URL_ = "http://fleet.test/api/thing";
const json = { "content-type": "application/json" };

/** A handler that records whether it ran, and answers 200 or throws `error`. */
function handler(error?: unknown) {
  const ran: Request[] = [];
  const wrapped = handleRoute((request: Request) => {
    ran.push(request);
    if (error !== undefined) throw error;
    return Response.json({ ok: true });
  });
  return { ran, wrapped };
}

describe("handleRoute", () => {
  it("answers an HttpError with its code's status, the one error body and its headers", async () => {
    const { wrapped } = handler(
      new HttpError("too_many_requests", "Too many tries; wait a minute.", { "retry-after": "60" }),
    );
    const response = await wrapped(new Request(URL_));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("60");
    expect(await response.json()).toEqual({
      error: { code: "too_many_requests", message: "Too many tries; wait a minute." },
    });
  });

  it("answers an unreachable database with 503 and a Retry-After, saying nothing of where it is", async () => {
    const cause = new Error("connect ECONNREFUSED postgres://fleet:hunter2@db.internal:5432");
    const { wrapped } = handler(new DatabaseUnavailableError({ cause }));
    const response = await wrapped(new Request(URL_));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: "database_unavailable" } });
    expect(body).not.toMatch(/hunter2|db\.internal|5432/);
  });

  it("answers any other error with a 500 whose message and log line say nothing internal", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { wrapped } = handler(new TypeError("token abc123 rejected by https://api.fleetup.test"));
    const response = await wrapped(new Request(URL_));
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: "internal" } });
    expect(body).not.toMatch(/abc123|fleetup/);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0])).not.toMatch(/abc123|fleetup/);
    expect(String(logged.mock.calls[0])).toContain("TypeError");
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])(
    "refuses a %s another site's page started, before the handler runs",
    async (method) => {
      const { ran, wrapped } = handler();
      const response = await wrapped(
        new Request(URL_, {
          method,
          headers: { ...json, "sec-fetch-site": "cross-site" },
          body: "{}",
        }),
      );
      expect(response.status).toBe(403);
      expect(ran).toHaveLength(0);
    },
  );

  it.each(["POST", "PUT", "PATCH"])(
    "refuses a %s whose body is not JSON, before the handler runs",
    async (method) => {
      const { ran, wrapped } = handler();
      const response = await wrapped(
        new Request(URL_, {
          method,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "a=1",
        }),
      );
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
      expect(ran).toHaveLength(0);
    },
  );

  it("lets a read through from anywhere: GET changes nothing", async () => {
    const { ran, wrapped } = handler();
    const response = await wrapped(
      new Request(URL_, {
        headers: { "sec-fetch-site": "cross-site", origin: "https://evil.test" },
      }),
    );
    expect(response.status).toBe(200);
    expect(ran).toHaveLength(1);
  });

  it("runs a same-site JSON change", async () => {
    const { ran, wrapped } = handler();
    const response = await wrapped(
      new Request(URL_, {
        method: "POST",
        headers: {
          ...json,
          "sec-fetch-site": "same-origin",
          origin: "http://fleet.test",
          host: "fleet.test",
        },
        body: "{}",
      }),
    );
    expect(response.status).toBe(200);
    expect(ran).toHaveLength(1);
  });
});
