import { describe, expect, it } from "vitest";
import { isSessionRevoked, onRevocation, recordRevocation, revokeSession } from "./revocations";

describe("session revocations", () => {
  it("refuses a signed-out session and tells the other instances", () => {
    const told: string[] = [];
    const stop = onRevocation((sid) => told.push(sid));
    revokeSession("sid-1", 2_000, 1_000);
    stop();
    expect(isSessionRevoked("sid-1")).toBe(true);
    expect(told).toEqual(["sid-1"]);
  });

  it("records another instance's revocation without echoing it back", () => {
    const told: string[] = [];
    const stop = onRevocation((sid) => told.push(sid));
    recordRevocation("sid-2", 2_000, 1_000);
    stop();
    expect(isSessionRevoked("sid-2")).toBe(true);
    expect(told).toEqual([]);
  });

  it("forgets a revocation once the session would have expired anyway", () => {
    recordRevocation("sid-3", 1_500, 1_000);
    recordRevocation("sid-4", 9_000, 2_000);
    expect(isSessionRevoked("sid-3")).toBe(false);
    expect(isSessionRevoked("sid-4")).toBe(true);
  });
});
