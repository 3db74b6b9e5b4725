import type { ConfigPatch } from "./config";
import { startSimulator, type RunningSimulator, type SimOptions } from "./server";

/** 10:00 in Phoenix on a weekday: the fleet is at work. */
export const MORNING = Date.UTC(2026, 2, 3, 17, 0, 0);

export type TestSim = {
  sim: RunningSimulator;
  /** A FleetUp call with the right api key; adds the acctId to the body unless told not to. */
  call(
    path: string,
    body?: unknown,
    init?: { headers?: Record<string, string>; method?: string },
  ): Promise<Response>;
  token(): Promise<string>;
  control(path: string, body?: unknown): Promise<Response>;
};

/** Starts an in-process simulator on a free port; the rate limit is off unless a test turns it on. */
export async function startTestSim(
  overrides: Partial<SimOptions> = {},
  config: ConfigPatch = {},
): Promise<TestSim> {
  const sim = await startSimulator({
    port: 0,
    vehicles: 20,
    startTime: MORNING,
    ...overrides,
    config: { ...config, rateLimit: { enabled: false, ...config.rateLimit } },
  });
  const call: TestSim["call"] = (path, body = { acctId: sim.options.acctId }, init = {}) =>
    fetch(`${sim.url}${path}`, {
      method: init.method ?? "POST",
      headers: {
        "x-api-key": sim.options.apiKey,
        "content-type": "application/json",
        ...init.headers,
      },
      body:
        init.method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const token = async () => {
    const response = await call("/token", {
      acctId: Number(sim.options.acctId),
      secret: sim.options.secret,
    });
    return ((await response.json()) as { token: string }).token;
  };
  const control: TestSim["control"] = (path, body) =>
    fetch(`${sim.url}/__sim/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "x-sim-control-key": sim.options.controlKey, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { sim, call, token, control };
}

/** A data call with a fresh Bearer token. */
export async function authed(
  t: TestSim,
  path: string,
  body?: Record<string, unknown>,
): Promise<Response> {
  const token = await t.token();
  return t.call(
    path,
    { acctId: t.sim.options.acctId, ...body },
    { headers: { authorization: `Bearer ${token}` } },
  );
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
