/**
 * `npm run demo`: the product on the simulator. Builds when needed, starts the simulator and the
 * production server, prints where to go, and on Ctrl-C stops both and exits cleanly.
 */
import { spawn } from "node:child_process";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/auth/user-store";
import { parseEnv } from "@/lib/env";
import { buildIfNeeded } from "./lib/build-if-needed";
import { environmentLikeNextStart } from "./lib/env-files";
import { serverCommand, waitForHealth } from "./lib/next-server";
import { PROJECT_ROOT, spawnSimulator, stopProcess } from "./lib/simulator-process";

const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 4010);
const log = (line: string) => console.log(`[demo] ${line}`);

/**
 * On the simulator, the server makes sure the three demo accounts (password fleet-demo) exist in
 * its database before it answers; with real FleetUp credentials there are none (the server
 * removes them), so say how to add users.
 */
function demoSignInLines(): string[] {
  const env = parseEnv({ ...environmentLikeNextStart(), ...demoMode() });
  if (env.upstream.mode !== "simulator") {
    return ["  Sign in   with a user you add: npm run user -- add <email> --role admin"];
  }
  return [
    `  Sign in   ${DEMO_USERS.map((user) => user.email).join(", ")}`,
    `            password ${DEMO_PASSWORD}`,
  ];
}

/**
 * `npm run demo` is the product on the simulator: it says so (FLEETUP_MODE=simulator), as a
 * production server without FleetUp credentials requires. With credentials configured it runs
 * on FleetUp instead, as `npm start` would.
 */
function demoMode(): Record<string, string> {
  const env = environmentLikeNextStart();
  const credentials = ["FLEETUP_API_KEY", "FLEETUP_ACCT_ID", "FLEETUP_SECRET"];
  const configured = credentials.some((name) => Boolean(env[name]));
  return configured || env.FLEETUP_MODE ? {} : { FLEETUP_MODE: "simulator" };
}

async function main() {
  buildIfNeeded(log);
  const signInLines = demoSignInLines();

  const sim = await spawnSimulator(["--port", String(simPort)], (line) => log(`sim: ${line}`));
  log(`Simulator running at ${sim.url}`);

  const [command, ...args] = serverCommand(port);
  const server = spawn(command!, args, {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, ...demoMode(), NEXT_TELEMETRY_DISABLED: "1", SIMULATOR_URL: sim.url },
  });

  let stopping = false;
  async function shutdown(code: number) {
    if (stopping) return;
    stopping = true;
    log("Stopping the dashboard and the simulator…");
    await Promise.all([stopProcess(server), sim.stop()]);
    log("Stopped.");
    process.exit(code);
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  for (const [name, child] of [
    ["dashboard", server],
    ["simulator", sim.process],
  ] as const) {
    child.once("exit", (code, signal) => {
      if (stopping) return;
      log(`The ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
      void shutdown(1);
    });
  }

  await waitForHealth(`http://127.0.0.1:${port}/api/health`, 60_000);
  console.log(
    [
      "",
      "  Fleet Live is running on the FleetUp simulator.",
      "",
      `  Open      http://localhost:${port}`,
      ...signInLines,
      `  Upstream  simulator at ${sim.url} (no FleetUp credentials set)`,
      "",
      "  Press Ctrl-C to stop both.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
