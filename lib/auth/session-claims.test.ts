import { describe, expect, it } from "vitest";
import { checkSessionClaims, newSessionClaims, touchSessionClaims } from "./session-claims";

const LIMITS = { maxAgeS: 12 * 3600, idleS: 30 * 60 };
const T0 = 1_800_000_000;

describe("session limits", () => {
  it("accepts a fresh session", () => {
    const claims = newSessionClaims("a@example.com", "sid-1", T0);
    expect(checkSessionClaims(claims, T0 + 5, LIMITS)).toEqual({ ok: true, claims });
  });

  it("ends a session idle for 30 minutes", () => {
    const claims = newSessionClaims("a@example.com", "sid-1", T0);
    expect(checkSessionClaims(claims, T0 + 30 * 60 - 1, LIMITS).ok).toBe(true);
    expect(checkSessionClaims(claims, T0 + 30 * 60, LIMITS)).toEqual({ ok: false, reason: "idle" });
  });

  it("keeps an active session alive past the idle timeout", () => {
    let claims = newSessionClaims("a@example.com", "sid-1", T0);
    for (let minute = 20; minute <= 200; minute += 20) {
      const now = T0 + minute * 60;
      const check = checkSessionClaims(claims, now, LIMITS);
      expect(check.ok).toBe(true);
      claims = touchSessionClaims(claims, now);
    }
  });

  it("ends a session 12 hours after sign-in however active it is", () => {
    let claims = newSessionClaims("a@example.com", "sid-1", T0);
    claims = touchSessionClaims(claims, T0 + 12 * 3600 - 60);
    expect(claims.signedInAt).toBe(T0);
    expect(checkSessionClaims(claims, T0 + 12 * 3600, LIMITS)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a token without our claims, such as one minted before this change", () => {
    expect(checkSessionClaims({ email: "a@example.com" }, T0, LIMITS)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(checkSessionClaims(null, T0, LIMITS).ok).toBe(false);
    expect(
      checkSessionClaims({ email: "a", sid: "s", signedInAt: T0, lastSeen: T0 - 1 }, T0, LIMITS).ok,
    ).toBe(false);
  });
});
