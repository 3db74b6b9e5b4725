import { E2E_SIM_URL } from "./servers";

const CONTROL_KEY = "sim-control";

export type SimStats = { total: number; byPath: Record<string, Record<string, number>> };
/** One FleetUp request as the simulator saw it arrive: epoch ms (fractional), path, outcome. */
export type SimRequest = { at: number; path: string; outcome: string };
export type SimVehicle = { devId: string; name: string; lat: number; lng: number; online: boolean };

/**
 * The simulator's control endpoint, for tests: faults, request counts, ground truth. The one
 * client of it for e2e, unit tests (e2e/support/test-sim.ts), the benches and the leak check.
 */
export function simControl(baseUrl = E2E_SIM_URL) {
  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/__sim/${path}`, {
      method,
      headers: { "x-sim-control-key": CONTROL_KEY, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }
  return {
    /** Any control path: GET without a body, POST with one. */
    control: <T = unknown>(path: string, body?: unknown) =>
      call<T>(body === undefined ? "GET" : "POST", path, body),
    stats: () => call<SimStats>("GET", "stats"),
    requests: async () => (await call<{ requests: SimRequest[] }>("GET", "requests")).requests,
    resetStats: () => call("POST", "stats/reset"),
    configure: (patch: unknown) => call("POST", "config", patch),
    resetFaults: () => call("POST", "faults/reset"),
    fleet: () => call<{ vehicles: SimVehicle[] }>("GET", "fleet"),
    move: (devId: string, to: { lat: number; lng: number; speed?: number; heading?: number }) =>
      call("POST", `vehicles/${encodeURIComponent(devId)}/move`, to),
    release: (devId: string) => call("POST", `vehicles/${encodeURIComponent(devId)}/release`),
  };
}
