import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoSecret } from "./secret";

describe("demoSecret", () => {
  it("makes a key once, private to the owner, and returns the same key afterwards", () => {
    const path = join(mkdtempSync(join(tmpdir(), "secret-")), "nested", "auth-secret");
    const first = demoSecret(path);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(demoSecret(path)).toBe(first);
  });

  it("replaces a key too short to be one", () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-"));
    const path = join(dir, "auth-secret");
    writeFileSync(path, "short\n");
    const key = demoSecret(path);
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(demoSecret(path)).toBe(key);
  });
});
