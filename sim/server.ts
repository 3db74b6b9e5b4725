import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TokenAuthority } from "./auth";
import { SimClock } from "./clock";
import { DEFAULT_CONFIG, mergeConfig, type ConfigPatch, type SimConfig } from "./config";
import { ControlError, createControl, handleControlRequest, type SimControl } from "./control";
import { SIM_DEFAULTS } from "./defaults";
import { World } from "./fleet";
import { FleetUpHandler } from "./fleetup-handler";
import { readBody, writeJson, type ParsedBody } from "./http";
import { Rng } from "./random";
import { RequestStats } from "./stats";

export type SimOptions = {
  port: number;
  host: string;
  vehicles: number;
  seed: number;
  speedup: number;
  apiKey: string;
  acctId: string;
  secret: string;
  controlKey: string;
  /** Simulated start instant (ms since epoch); defaults to now, to the second. */
  startTime: number;
  /**
   * The instant whose day the world lives at start (which shifts are on, who is parked for the
   * night), while the clock, fixes, trips, alerts and tokens stay at `startTime`. Tests pin it
   * so every run sees the same fleet at any hour; defaults to `startTime`.
   */
  worldTime?: number;
  /** Simulated length of one world step; derived from fleet size and speedup when omitted. */
  stepMs: number;
  /** Starting variants, rate limit and faults (the same keys as POST /__sim/config). */
  config: ConfigPatch;
  /** Written in clear into every token issued (the leak check's sentinel); none by default. */
  tokenMarker?: string;
};

export type RunningSimulator = {
  url: string;
  options: SimOptions;
  control: SimControl;
  close(): Promise<void>;
};

/**
 * Steps of one simulated second while the fleet is small; coarser when the fleet times the
 * speedup would need more than ~200,000 vehicle updates per real second.
 */
export function defaultStepMs(vehicles: number, speedup: number): number {
  return 1000 * Math.min(10, Math.max(1, Math.ceil((vehicles * speedup) / 200_000)));
}

export async function startSimulator(
  overrides: Partial<SimOptions> = {},
): Promise<RunningSimulator> {
  const vehicles = overrides.vehicles ?? SIM_DEFAULTS.vehicles;
  const speedup = overrides.speedup ?? SIM_DEFAULTS.speedup;
  const options: SimOptions = {
    ...SIM_DEFAULTS,
    startTime: Math.floor(Date.now() / 1000) * 1000,
    stepMs: defaultStepMs(vehicles, speedup),
    config: {},
    ...overrides,
  };
  checkOptions(options);
  let config: SimConfig = mergeConfig(DEFAULT_CONFIG, options.config);
  const clock = new SimClock(options.startTime, options.speedup);
  const world = new World({
    vehicles: options.vehicles,
    seed: options.seed,
    startTime: options.startTime,
    stepMs: options.stepMs,
    phaseMs: (options.worldTime ?? options.startTime) - options.startTime,
    // In microseconds of the real start: each run's ids lie above every earlier run's.
    alertIdsFrom: Date.now() * 1000,
  });
  const stats = new RequestStats();
  const sync = () => world.advanceTo(clock.now());
  const fleetUp = new FleetUpHandler({
    credentials: options,
    world,
    stats,
    auth: new TokenAuthority(options, () => clock.now(), options.tokenMarker),
    config: () => config,
    sync,
    faultRng: new Rng(options.seed ^ 0x2545f491),
  });
  const control = createControl({
    world,
    clock,
    stats,
    sync,
    getConfig: () => config,
    setConfig: (next) => {
      config = next;
      fleetUp.clearCache();
    },
    resetRateLimit: () => fleetUp.resetRateLimit(),
  });

  async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    parsed: ParsedBody,
  ) {
    if (req.headers["x-sim-control-key"] !== options.controlKey) {
      return writeJson(
        res,
        401,
        JSON.stringify({ message: "x-sim-control-key header missing or wrong" }),
      );
    }
    if (parsed.kind === "invalid")
      return writeJson(res, 400, JSON.stringify({ message: "body must be JSON" }));
    const body = parsed.kind === "json" ? parsed.value : undefined;
    try {
      const result = handleControlRequest(
        control,
        req.method ?? "GET",
        url.pathname,
        url.searchParams,
        body,
      );
      writeJson(res, result.status, JSON.stringify(result.body));
    } catch (error) {
      const status = error instanceof ControlError ? error.status : 500;
      writeJson(res, status, JSON.stringify({ message: (error as Error).message }));
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    void readBody(req)
      .then((parsed) =>
        url.pathname.startsWith("/__sim/")
          ? handleControl(req, res, url, parsed)
          : fleetUp.handle(req, res, url, parsed),
      )
      .catch((error: unknown) => {
        console.error("simulator error", error);
        if (!res.headersSent) writeJson(res, 500, JSON.stringify({ message: "simulator error" }));
      });
  });

  // Keeps the world (and every fix time) moving when nobody asks, and the positions body ready.
  const tick = () => {
    sync();
    fleetUp.prime();
  };
  tick();
  const ticker = setInterval(tick, 1000);
  ticker.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    options: { ...options, port },
    control,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(ticker);
        fleetUp.destroyPending();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Refuses option values that would build a broken world, with a message naming the option. */
function checkOptions(options: SimOptions) {
  const rules: [keyof SimOptions, boolean, string][] = [
    [
      "port",
      Number.isInteger(options.port) && options.port >= 0 && options.port <= 65_535,
      "0–65535",
    ],
    [
      "vehicles",
      Number.isInteger(options.vehicles) && options.vehicles >= 0 && options.vehicles <= 500_000,
      "an integer 0–500000",
    ],
    ["seed", Number.isFinite(options.seed), "a number"],
    [
      "speedup",
      Number.isFinite(options.speedup) && options.speedup >= 0,
      "a number ≥ 0 (0 freezes the clock)",
    ],
    ["startTime", Number.isFinite(options.startTime), "a valid instant"],
    [
      "worldTime",
      options.worldTime === undefined || Number.isFinite(options.worldTime),
      "a valid instant",
    ],
    [
      "stepMs",
      Number.isInteger(options.stepMs) && options.stepMs >= 100 && options.stepMs <= 60_000,
      "an integer 100–60000",
    ],
  ];
  for (const [name, ok, expected] of rules) {
    if (!ok) throw new Error(`${name} must be ${expected} (got ${String(options[name])})`);
  }
}
