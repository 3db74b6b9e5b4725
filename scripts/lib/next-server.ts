import { spawn, type ChildProcess } from "node:child_process";
import { refuseBusyPort } from "./port-check";
import { PROJECT_ROOT, stopProcess } from "./simulator-process";

export type RunningServer = { url: string; process: ChildProcess; stop(): Promise<void> };

/** Polls `url` until it answers 2xx, or fails after `timeoutMs`. */
export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the dashboard did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** The production server's command line (`npm start`: scripts/serve.mjs, on an existing build). */
export function serverCommand(port: number): string[] {
  return [process.execPath, "scripts/serve.mjs", "--port", String(port)];
}

/**
 * Starts the production server (`npm start`, an existing build) and waits for /api/health.
 * Refuses a port that already answers: the health check could not tell that server from ours.
 */
export async function startNextServer(options: {
  port: number;
  env?: Record<string, string>;
  stdio?: "inherit" | "ignore";
}): Promise<RunningServer> {
  await refuseBusyPort(options.port, "the dashboard");
  const [command, ...args] = serverCommand(options.port);
  const child = spawn(command!, args, {
    cwd: PROJECT_ROOT,
    stdio: options.stdio ?? "ignore",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHealth(`${url}/api/health`, 120_000);
  return { url, process: child, stop: () => stopProcess(child) };
}
