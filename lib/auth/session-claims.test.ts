import { describe, expect, it } from "vitest";
import {
  checkSessionClaims,
  newSessionClaims,
  reportPresence,
  touchSessionClaims,
} from "./session-claims";

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

describe("presence reports", () => {
  const signedIn = newSessionClaims("a@example.com", "sid-1", T0);

  it("a visible page receiving the feed slides the idle window to now", () => {
    const { claims, times } = reportPresence(signedIn, true, T0 + 25 * 60, LIMITS);
    expect(claims.lastSeen).toBe(T0 + 25 * 60);
    expect(times).toEqual({ idleEndsInS: 30 * 60, endsInS: 12 * 3600 - 25 * 60 });
  });

  it("keeps a watched session alive past the idle timeout without any input", () => {
    let claims = signedIn;
    for (let minute = 1; minute <= 3 * 60; minute += 1) {
      const now = T0 + minute * 60;
      expect(checkSessionClaims(claims, now, LIMITS).ok).toBe(true);
      claims = reportPresence(claims, true, now, LIMITS).claims;
    }
  });

  it("a hidden page's report does not slide the idle window, and says how long is left", () => {
    const { claims, times } = reportPresence(signedIn, false, T0 + 25 * 60, LIMITS);
    expect(claims).toEqual(signedIn);
    expect(times.idleEndsInS).toBe(5 * 60);
    expect(checkSessionClaims(claims, T0 + 30 * 60, LIMITS)).toEqual({ ok: false, reason: "idle" });
  });

  it("never moves the sign-in time, so presence never extends the absolute lifetime", () => {
    let claims = signedIn;
    for (let minute = 10; minute < 12 * 60; minute += 10) {
      claims = reportPresence(claims, true, T0 + minute * 60, LIMITS).claims;
    }
    expect(claims.signedInAt).toBe(T0);
    expect(checkSessionClaims(claims, T0 + 12 * 3600, LIMITS)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("never puts the idle deadline past the absolute lifetime", () => {
    const now = T0 + 12 * 3600 - 10 * 60;
    const { times } = reportPresence(signedIn, true, now, LIMITS);
    expect(times).toEqual({ idleEndsInS: 10 * 60, endsInS: 10 * 60 });
  });
});
