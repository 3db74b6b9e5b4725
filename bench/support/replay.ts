/**
 * The floor for the stream bench: a plain node:http server that replays, to as many clients,
 * the very frames one real stream received (its snapshot, then its deltas at the pace they
 * came), each delta's time `t` set to the moment it is sent. What it costs is what copying
 * those bytes to that many sockets costs on this machine, with nothing of ours in between.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, stopProcess } from "../../scripts/lib/simulator-process";

export type Recording = { snapshot: string; deltas: { atMs: number; frame: string }[] };

/**
 * One stream's frames for `seconds`: the first snapshot, and each delta with its arrival time.
 * Kept as the bytes that came (split at the blank line, not read into fields as
 * e2e/support/event-stream.ts does), since the replay sends them again unchanged.
 */
export function recordFrames(base: string, cookie: string, seconds: number): Promise<Recording> {
  return new Promise((resolve, reject) => {
    const recording: Recording = { snapshot: "", deltas: [] };
    let started = 0;
    let carry = "";
    const req = httpRequest(
      `${base}/api/fleet/stream`,
      { headers: { accept: "text/event-stream", cookie } },
      (res) => {
        res.setEncoding("latin1");
        res.on("data", (chunk: string) => {
          const frames = (carry + chunk).split("\n\n");
          carry = frames.pop()!;
          for (const frame of frames) {
            if (frame.includes("event: snapshot\n") && !recording.snapshot) {
              recording.snapshot = `${frame}\n\n`;
              started = Date.now();
            } else if (frame.includes("event: delta\n") && started) {
              recording.deltas.push({ atMs: Date.now() - started, frame: `${frame}\n\n` });
            }
          }
        });
      },
    );
    req.on("error", reject);
    req.end();
    setTimeout(() => {
      req.destroy();
      resolve(recording);
    }, seconds * 1000);
  });
}

/** Starts the replaying server in its own process (so its memory can be read apart). */
export async function startReplay(
  recording: Recording,
  port: number,
  workDir: string,
): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const file = join(workDir, "recording.json");
  writeFileSync(file, JSON.stringify(recording));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(PROJECT_ROOT, "bench/support/replay-server.ts"), file, String(port)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the replay server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, stop: () => stopProcess(child) };
}
