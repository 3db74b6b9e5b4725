import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { initialWork, transition, type AlertAction, type AlertWork } from "@/lib/fleet/alert-work";
import { alertWorkQueries } from "./alert-work";
import type { DatabaseHandle } from "./database";
import { createTestDatabase, emptyTables } from "@/e2e/support/test-database";

const T = Date.UTC(2026, 2, 3, 19);
const ANN = "ann@example.com";
const BEN = "ben@example.com";

let handle: DatabaseHandle;
let queries: ReturnType<typeof alertWorkQueries>;
beforeAll(async () => {
  handle = await createTestDatabase();
  queries = alertWorkQueries(handle.db);
});
afterAll(() => handle.close());
beforeEach(() => emptyTables(handle.db));

/** Applies one action as the server does: read, decide, write the version read. */
async function act(work: AlertWork, action: AlertAction, actor: string, at: number) {
  const result = transition(work, action, actor, at);
  if (result.outcome !== "changed") throw new Error(`not a change: ${result.outcome}`);
  return { written: await queries.write(result.work, result.event), work: result.work };
}

describe("alert work in the database", () => {
  it("stores each change with its history, and reads them back as they were made", async () => {
    const key = { alertId: "SA000000007", alertTime: T };
    const claimed = await act(
      initialWork({ id: key.alertId, time: T }),
      { kind: "claim" },
      ANN,
      T + 1000,
    );
    expect(claimed.written).toBe(true);
    const resolved = await act(
      claimed.work,
      { kind: "resolve", note: "Driver called; all fine." },
      ANN,
      T + 2000,
    );
    expect(resolved.written).toBe(true);

    const stored = await queries.find(key);
    expect(stored).toEqual({ ...resolved.work, updatedAt: expect.any(Number) });
    expect(await queries.history(key)).toEqual([
      { version: 1, action: "claimed", actor: ANN, at: T + 1000 },
      {
        version: 2,
        action: "resolved",
        actor: ANN,
        at: T + 2000,
        note: "Driver called; all fine.",
      },
    ]);
  });

  it("lets only one of two changes made from the same version win, and records only that one", async () => {
    const start = initialWork({ id: "race", time: T });
    const first = await act(start, { kind: "claim" }, ANN, T + 1);
    const second = await act(start, { kind: "claim" }, BEN, T + 2);
    expect([first.written, second.written]).toEqual([true, false]);
    const key = { alertId: "race", alertTime: T };
    expect((await queries.find(key))?.claimedBy).toBe(ANN);
    expect(await queries.history(key)).toHaveLength(1);

    // From what is stored now, Ben's take-over goes through.
    const takeOver = await act(
      (await queries.find(key))!,
      { kind: "claim", takeOver: true },
      BEN,
      T + 3,
    );
    expect(takeOver.written).toBe(true);
    expect(
      (await queries.history(key)).map((event) => [event.action, event.previousHolder]),
    ).toEqual([
      ["claimed", undefined],
      ["took_over", ANN],
    ]);
  });

  it("keeps the work of an alert apart from another alert with the same id and another time", async () => {
    await act(initialWork({ id: "SA1", time: T }), { kind: "acknowledge" }, ANN, T + 1);
    expect(await queries.find({ alertId: "SA1", alertTime: T + 86_400_000 })).toBeUndefined();
    const later = await act(
      initialWork({ id: "SA1", time: T + 86_400_000 }),
      { kind: "claim" },
      BEN,
      T + 86_400_001,
    );
    expect(later.written).toBe(true);
    expect((await queries.since(T + 1)).map((work) => [work.alertId, work.claimedBy])).toEqual([
      ["SA1", BEN],
    ]);
  });

  it("finds work changed lately by the database's clock", async () => {
    await act(initialWork({ id: "recent", time: T }), { kind: "acknowledge" }, ANN, T + 1);
    expect((await queries.changedWithin(60)).map((work) => work.alertId)).toEqual(["recent"]);
    await handle.db.execute(`update alert_work set updated_at = now() - interval '2 minutes'`);
    expect(await queries.changedWithin(60)).toEqual([]);
  });
});
