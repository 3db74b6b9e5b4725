import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { sessionRevocations } from "@/lib/db/schema";
import { installTestDatabase } from "@/e2e/support/test-database";
import { isSessionRevoked, revokeSession } from "./revocations";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

const at = (s: number) => new Date(s * 1000);

describe("session revocations", () => {
  it("refuses a signed-out session, in the database every instance reads", async () => {
    const nowS = Math.floor(Date.now() / 1000);
    await revokeSession("sid-1", nowS + 60, nowS);
    expect(await isSessionRevoked("sid-1")).toBe(true);
    expect(await isSessionRevoked("sid-other")).toBe(false);
    const rows = await handle.db.select().from(sessionRevocations);
    expect(rows).toContainEqual({ sid: "sid-1", revokedAt: at(nowS), expiresAt: at(nowS + 60) });
  });

  it("forgets a revocation once the session would have expired anyway", async () => {
    await revokeSession("sid-3", 1_500, 1_000);
    expect(await isSessionRevoked("sid-3", at(1_499))).toBe(true);
    expect(await isSessionRevoked("sid-3", at(1_500))).toBe(false);
    // The next revocation clears out the expired ones.
    await revokeSession("sid-4", 9_000, 2_000);
    const sids = (await handle.db.select().from(sessionRevocations)).map((row) => row.sid);
    expect(sids).toContain("sid-4");
    expect(sids).not.toContain("sid-3");
  });
});
