import { describe, expect, it, vi } from "vitest";
import { HttpError } from "./http-error";
import { requireJson, requireSameSite } from "./same-site";

const env = vi.hoisted(() => ({ publicUrl: undefined as string | undefined }));
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

const post = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/thing") =>
  new Request(url, { method: "POST", headers });

/** The code a check refuses `request` with, or undefined when it passes. */
function refusal(check: (request: Request) => void, request: Request): string | undefined {
  try {
    check(request);
    return undefined;
  } catch (error) {
    if (error instanceof HttpError) return error.code;
    throw error;
  }
}

describe("requireSameSite", () => {
  it.each(["same-origin", "none"])("passes a browser's request with Sec-Fetch-Site %s", (site) => {
    expect(refusal(requireSameSite, post({ "sec-fetch-site": site }))).toBeUndefined();
  });

  it.each(["cross-site", "same-site"])(
    "refuses Sec-Fetch-Site %s (a sibling subdomain is another site too)",
    (site) => {
      expect(refusal(requireSameSite, post({ "sec-fetch-site": site }))).toBe("forbidden");
    },
  );

  it("passes a request from no browser at all (no Sec-Fetch-Site, no Origin)", () => {
    expect(refusal(requireSameSite, post({}))).toBeUndefined();
  });

  it("passes an Origin that is the host the browser addressed, or the proxy's forwarded host", () => {
    expect(
      refusal(requireSameSite, post({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })),
    ).toBeUndefined();
    expect(
      refusal(
        requireSameSite,
        post({ origin: "https://fleet.example.com", "x-forwarded-host": "fleet.example.com" }),
      ),
    ).toBeUndefined();
  });

  it.each([
    ["another site", "https://evil.example", "fleet.test"],
    ["a look-alike that starts with our host", "https://fleet.test.evil.example", "fleet.test"],
    ["an opaque origin", "null", "fleet.test"],
    ["a scheme other than http(s)", "ftp://fleet.test", "fleet.test"],
    ["our host on another port", "http://fleet.test:4000", "fleet.test:3000"],
  ])("refuses an Origin of %s", (_, origin, host) => {
    expect(refusal(requireSameSite, post({ origin, host }))).toBe("forbidden");
  });

  it("passes the public address (NEXTAUTH_URL) whatever Host the proxy sends", () => {
    env.publicUrl = "https://fleet.example.com";
    try {
      const request = post({ origin: "https://fleet.example.com", host: "10.0.0.5:3000" });
      expect(refusal(requireSameSite, request)).toBeUndefined();
    } finally {
      env.publicUrl = undefined;
    }
  });
});

describe("requireJson", () => {
  it("takes application/json, with or without parameters, in any case", () => {
    expect(refusal(requireJson, post({ "content-type": "application/json" }))).toBeUndefined();
    expect(
      refusal(requireJson, post({ "content-type": "Application/JSON; charset=utf-8" })),
    ).toBeUndefined();
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])(
    "refuses %s, which a cross-site form could send",
    (type) => {
      expect(refusal(requireJson, post({ "content-type": type }))).toBe("unsupported_media_type");
    },
  );

  it("refuses a POST without a content type", () => {
    expect(refusal(requireJson, post({}))).toBe("unsupported_media_type");
  });

  it("passes a DELETE without a body, and holds one with a body to JSON", () => {
    const url = "http://127.0.0.1:3000/api/thing";
    expect(refusal(requireJson, new Request(url, { method: "DELETE" }))).toBeUndefined();
    const withBody = new Request(url, {
      method: "DELETE",
      headers: { "content-type": "text/plain", "content-length": "2" },
      body: "hi",
    });
    expect(refusal(requireJson, withBody)).toBe("unsupported_media_type");
  });
});
