import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, contentSecurityPolicy, tileSource } from "./security-headers";

const OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split("; ").map((part) => {
      const [name, ...values] = part.split(" ");
      return [name!, values.join(" ")];
    }),
  );
}

describe("content security policy", () => {
  const csp = directives(
    contentSecurityPolicy({ nonce: "abc123", tileUrl: OSM, https: false, development: false }),
  );

  it("runs only scripts carrying this response's nonce, and no eval in production", () => {
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
  });

  it("allows images only from this site and the configured tile host", () => {
    expect(csp.get("img-src")).toBe("'self' data: blob: https://tile.openstreetmap.org");
  });

  it("allows connections only to this site and forbids framing", () => {
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'self'");
    expect(csp.get("form-action")).toBe("'self'");
  });

  it("upgrades insecure requests only when the site is served over https", () => {
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    const secure = contentSecurityPolicy({
      nonce: "n",
      tileUrl: OSM,
      https: true,
      development: false,
    });
    expect(directives(secure).has("upgrade-insecure-requests")).toBe(true);
  });

  it("turns a tile subdomain placeholder into a wildcard host", () => {
    expect(tileSource("https://{s}.tile.example.com/{z}/{x}/{y}.png")).toBe(
      "https://*.tile.example.com",
    );
    expect(tileSource("http://tiles.local:8080/{z}/{x}/{y}.png")).toBe("http://tiles.local:8080");
  });
});

describe("base security headers", () => {
  it("forbids sniffing and framing and trims the referrer", () => {
    expect(baseSecurityHeaders(false)).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
  });

  it("asks browsers to stay on https only when served over https", () => {
    expect(baseSecurityHeaders(false)["Strict-Transport-Security"]).toBeUndefined();
    expect(baseSecurityHeaders(true)["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});
