import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { refuseBusyPort } from "./port-check";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type SpawnedSimulator = {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
};

/**
 * Starts the simulator CLI as its own process (real HTTP, as the product sees it) and resolves
 * once it prints its address. `args` are CLI flags, e.g. ["--vehicles", "20"]; port 0 picks a
 * free port unless `--port` is given. Later output goes to `onLine` (dropped by default, but
 * always read so a chatty simulator never blocks on a full pipe). A `--port` that already
 * answers is refused at once, as a process left from an earlier run would be taken for this one.
 */
export async function spawnSimulator(
  args: string[] = [],
  onLine: (line: string) => void = () => {},
): Promise<SpawnedSimulator> {
  const withPort = args.includes("--port") ? args : ["--port", "0", ...args];
  const port = Number(withPort[withPort.indexOf("--port") + 1]);
  if (port > 0) await refuseBusyPort(port, "the simulator");
  const child = spawn(process.execPath, ["--import", "tsx", "sim/cli.ts", ...withPort], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the simulator did not start within 20 s")),
      20_000,
    );
    child.once("exit", (code) => reject(new Error(`the simulator exited with code ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
      onLine(line);
    });
  });
  return { url, process: child, stop: () => stopProcess(child) };
}

/** Sends SIGTERM and waits for the process to exit (SIGKILL after `graceMs`). */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
