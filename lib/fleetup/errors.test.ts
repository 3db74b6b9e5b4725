import "server-only";
import { describe, expect, it } from "vitest";
import { describeNetworkError, describeUpstreamBody, FleetUpError, redactSecrets } from "./errors";
import { redactingLogger, type LogFields, type Logger } from "./logger";

describe("FleetUpError", () => {
  it("builds its message from endpoint, kind and status only", () => {
    const error = new FleetUpError({ kind: "upstream", endpoint: "/devices", status: 503 });
    expect(error.message).toBe("FleetUp /devices failed, upstream (HTTP 503)");
    expect(error).toMatchObject({
      kind: "upstream",
      endpoint: "/devices",
      status: 503,
      retryable: true,
    });
  });

  it("redacts the api key, secret and token even if a detail carried them", () => {
    const error = new FleetUpError({
      kind: "auth",
      endpoint: "/token?secret=s3cr3t-value",
      detail: "key k3y-abcdef token eyJ.tok.en and s3cr3t-value",
      secrets: ["k3y-abcdef", "s3cr3t-value", "eyJ.tok.en"],
    });
    expect(error.message).not.toMatch(/k3y-abcdef|s3cr3t-value|eyJ\.tok\.en/);
    expect(error.endpoint).toBe("/token?secret=[redacted]");
  });

  it.each([
    ["timeout", undefined, true],
    ["rate_limited", 429, true],
    ["upstream", 500, true],
    ["upstream", undefined, true],
    ["upstream", 404, false],
    ["auth", 401, false],
    ["bad_payload", 200, false],
  ] as const)("treats %s (HTTP %s) as retryable: %s", (kind, status, retryable) => {
    expect(new FleetUpError({ kind, endpoint: "/x", status }).retryable).toBe(retryable);
  });
});

describe("redactSecrets", () => {
  it("replaces every occurrence, URL-encoded ones too", () => {
    expect(redactSecrets("a=p@ss/word&b=p%40ss%2Fword p@ss/word", ["p@ss/word"])).toBe(
      "a=[redacted]&b=[redacted] [redacted]",
    );
  });

  it("ignores values too short to be secrets", () => {
    expect(redactSecrets("abc", ["a", undefined, ""])).toBe("abc");
  });
});

describe("describeNetworkError", () => {
  it("reports a Node error code, never the error's text", () => {
    const error = new TypeError("fetch failed https://user:secret@host", {
      cause: Object.assign(new Error("connect ECONNREFUSED secret"), { code: "ECONNREFUSED" }),
    });
    expect(describeNetworkError(error)).toBe("ECONNREFUSED");
    expect(describeNetworkError(new Error("secret"))).toBe("network error");
  });
});

describe("redactingLogger", () => {
  it("removes secrets from messages and field values", () => {
    const lines: Array<[string, LogFields | undefined]> = [];
    const sink = (message: string, fields?: LogFields) => lines.push([message, fields]);
    const inner: Logger = { debug: sink, info: sink, warn: sink, error: sink };
    const logger = redactingLogger(inner, () => ["tok-123456", "key-abcdef"]);
    logger.warn("using tok-123456", { header: "Bearer tok-123456", key: "key-abcdef", n: 1 });
    expect(lines).toEqual([
      ["using [redacted]", { header: "Bearer [redacted]", key: "[redacted]", n: 1 }],
    ]);
  });
});

describe("describeUpstreamBody (FleetUp's words for the operator)", () => {
  const jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhY2N0SWQiOjEyMzQ1fQ.c2lnbmF0dXJl";
  const secrets = ["key-7f3a9c1e", "s3cret-b52d", "12345", "legacy-token-0a1b2c3d"];

  it("removes every known secret, the account id, and anything shaped like a token or credential", () => {
    const body = JSON.stringify({
      message:
        `Invalid Request for acctId 12345 (x-api-key key-7f3a9c1e, secret=s3cret-b52d, ` +
        `Authorization: Bearer ${jwt}, token: legacy-token-0a1b2c3d, other token=abc.def, ` +
        `bare ${jwt}) at 20261203123456 for device 2131234567`,
    });
    const words = describeUpstreamBody(body, secrets) ?? "";
    for (const leaked of ["key-7f3a9c1e", "s3cret-b52d", "legacy-token-0a1b2c3d", jwt, "abc.def"]) {
      expect(words).not.toContain(leaked);
    }
    expect(words).not.toMatch(/(?<!\d)12345(?!\d)/);
    // Numbers that merely contain the account id's digits stay readable.
    expect(words).toContain("20261203123456");
    expect(words).toContain("2131234567");
    expect(words).toMatch(/^\{"message":"Invalid Request for acctId \[redacted\]/);
  });

  it("collapses whitespace and cuts to 500 characters after redacting, so no part of a secret is left", () => {
    const long = `${"  error  \n".repeat(100)} key-7f3a9c1e`;
    const words = describeUpstreamBody(long, secrets) ?? "";
    expect(words.length).toBe(500);
    expect(words.startsWith("error error")).toBe(true);
    const atTheCut = `${"x".repeat(495)}key-7f3a9c1e`;
    expect(describeUpstreamBody(atTheCut, secrets)).not.toMatch(/key-7f/);
  });

  it("says nothing for an empty body", () => {
    expect(describeUpstreamBody("  \n", secrets)).toBeUndefined();
  });
});
