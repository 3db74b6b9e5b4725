import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyAgainstNothing, verifyPassword } from "./password";

// Cheap parameters keep the unit tests fast; the format and the checks are the same.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashes", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery staple", FAST);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
  });

  it("salts every hash, so one password never gives the same string twice", async () => {
    const first = await hashPassword("fleet-demo", FAST);
    const second = await hashPassword("fleet-demo", FAST);
    expect(first).not.toBe(second);
    expect(first).not.toContain("fleet-demo");
  });

  it("stores the scrypt parameters with the hash, and uses strong ones by default", async () => {
    const stored = await hashPassword("pw");
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword("pw", stored)).toBe(true);
  });

  it("refuses a malformed or tampered stored hash without throwing", async () => {
    const stored = await hashPassword("pw", FAST);
    expect(await verifyPassword("pw", "")).toBe(false);
    expect(await verifyPassword("pw", "plain:pw")).toBe(false);
    expect(await verifyPassword("pw", stored.replace("$1024$", "$1000$"))).toBe(false);
    expect(await verifyPassword("pw", stored.replace(/\$[^$]+$/, "$AAAA"))).toBe(false);
  });

  it("treats the same text typed in different Unicode forms as one password", async () => {
    const stored = await hashPassword("caf\u00e9", FAST);
    expect(await verifyPassword("cafe\u0301", stored)).toBe(true);
  });

  it("answers false for an account that does not exist", async () => {
    expect(await verifyAgainstNothing("anything")).toBe(false);
  });

  it("generates random passwords of 20 characters", () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(generatePassword()).not.toBe(password);
  });
});
