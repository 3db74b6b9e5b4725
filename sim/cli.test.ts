import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

describe("npm run sim (sim/cli.ts)", () => {
  it("prints 'listening on URL' first, then credentials and the control key, and exits 0 on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "sim/cli.ts", "--port", "0", "--vehicles", "5", "--storm-429"],
      {
        cwd: new URL("..", import.meta.url).pathname,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    await new Promise<void>((resolve) =>
      reader.on("line", (line) => {
        lines.push(line);
        if (line.includes("config:")) resolve();
      }),
    );
    const url = /listening on (http:\/\/\S+)/.exec(lines[0] ?? "")?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.join("\n")).toContain("--api-key sim-api-key --acct-id 12345 --secret sim-secret");
    expect(lines.join("\n")).toContain("x-sim-control-key: sim-control");
    const response = await fetch(`${url}/token`, {
      method: "POST",
      headers: { "x-api-key": "sim-api-key" },
    });
    expect(response.status).toBe(429); // --storm-429 took effect at start
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  }, 20_000);
});
