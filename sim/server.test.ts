import { describe, expect, it } from "vitest";
// The product reads these defaults (a test may look across the wall; sim code never does).
import { parseEnv, SIMULATOR_CREDENTIALS } from "../lib/env";
import { SIM_DEFAULTS } from "./defaults";
import { joinJson } from "./http";
import { defaultStepMs, startSimulator } from "./server";
import { startTestSim } from "./test-support";

describe("startSimulator", () => {
  it("picks a free port for port 0, on 127.0.0.1 by default", async () => {
    const [a, b] = await Promise.all([
      startTestSim({ vehicles: 2 }),
      startTestSim({ vehicles: 2 }),
    ]);
    expect(a.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.sim.url).not.toBe(b.sim.url);
    expect(a.sim.options.port).toBeGreaterThan(0);
    await Promise.all([a.sim.close(), b.sim.close()]);
  });

  it("never gives an id from an earlier run to another alert (FleetUp's ids are unique for good)", async () => {
    const alertIds = async () => {
      const t = await startTestSim({ vehicles: 20 });
      const ids = t.sim.control.alerts().map((alert) => alert.alertId);
      await t.sim.close();
      return ids;
    };
    const first = await alertIds();
    await new Promise((resolve) => setTimeout(resolve, 2));
    // The same seed and start: the same alerts, which a restart must not present under old ids.
    const second = await alertIds();
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBe(first.length);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
  });

  it("keeps the address and demo credentials lib/env.ts uses without FleetUp credentials", () => {
    const { upstream } = parseEnv({});
    expect(upstream.baseUrl).toBe(`http://${SIM_DEFAULTS.host}:${SIM_DEFAULTS.port}`);
    expect(SIM_DEFAULTS).toMatchObject(SIMULATOR_CREDENTIALS);
    expect(SIM_DEFAULTS).toMatchObject({ vehicles: 50, seed: 1, speedup: 1 });
  });

  it("refuses an impossible option with a message naming it", async () => {
    await expect(startSimulator({ port: 0, vehicles: -3 })).rejects.toThrow(/vehicles/);
    await expect(startSimulator({ port: 0, config: { coords: "nope" as "mas" } })).rejects.toThrow(
      /coords/,
    );
  });

  it("closes promptly even with a hung request open", async () => {
    const t = await startTestSim({ vehicles: 2 }, { faults: { hangRate: 1 } });
    const hung = t.call("/devices").catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.sim.close();
    expect(await hung).toBeInstanceOf(Error);
  });

  it("coarsens the world step only when vehicles × speedup is large", () => {
    expect(defaultStepMs(50, 1)).toBe(1000);
    expect(defaultStepMs(50_000, 1)).toBe(1000);
    expect(defaultStepMs(50_000, 60)).toBe(10_000);
    expect(defaultStepMs(50, 0)).toBe(1000);
  });
});

describe("joinJson", () => {
  it("joins serialized records into one valid JSON document", () => {
    const parts = [{ a: 1 }, { b: "é" }, { c: [2] }].map((r) => JSON.stringify(r));
    expect(JSON.parse(joinJson('{"data":[', parts, "]}").toString())).toEqual({
      data: [{ a: 1 }, { b: "é" }, { c: [2] }],
    });
    expect(joinJson("[", [], "]").toString()).toBe("[]");
  });
});
