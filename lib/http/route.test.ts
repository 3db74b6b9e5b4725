import { describe, expect, it } from "vitest";
import { HttpError } from "./http-error";
import { route } from "./route";

const request = (method: string) => new Request("http://fleet.test/api/thing", { method });

describe("route", () => {
  it("answers a method it has no handler for with 405, the one error body and Allow", async () => {
    const { DELETE } = route({ GET: () => Response.json({ ok: true }) });
    const response = await DELETE(request("DELETE"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await response.json()).toEqual({
      error: {
        code: "method_not_allowed",
        message: "DELETE is not allowed here; use GET, HEAD, OPTIONS.",
      },
    });
  });

  it("offers HEAD only beside GET", async () => {
    const { OPTIONS } = route({ POST: () => new Response(null, { status: 204 }) });
    expect((await OPTIONS(request("OPTIONS"))).headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("answers OPTIONS with 204 and every method it takes", async () => {
    const { OPTIONS } = route({
      GET: () => Response.json({}),
      PATCH: () => Response.json({}),
      DELETE: () => Response.json({}),
    });
    const response = await OPTIONS(request("OPTIONS"));
    expect(response.status).toBe(204);
    expect(response.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("runs each handler through handleRoute, so a thrown error is answered in the one shape", async () => {
    const { GET } = route({
      GET: () => {
        throw new HttpError("not_found", "No such vehicle.");
      },
    });
    const response = await GET(request("GET"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "No such vehicle." },
    });
  });

  it("passes the route's context on to the handler", async () => {
    const { GET } = route<{ params: Promise<{ id: string }> }>({
      GET: async (_, { params }) => Response.json(await params),
    });
    const response = await GET(request("GET"), { params: Promise.resolve({ id: "v7" }) });
    expect(await response.json()).toEqual({ id: "v7" });
  });
});
