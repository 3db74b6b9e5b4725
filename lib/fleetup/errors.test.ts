import "server-only";
import { describe, expect, it } from "vitest";
import { describeNetworkError, FleetUpError, redactSecrets } from "./errors";
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
