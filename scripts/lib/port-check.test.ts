import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startNextServer } from "./next-server";
import { spawnSimulator } from "./simulator-process";

let leftover: Server | undefined;
afterEach(() => leftover?.close());

/** A server left from an earlier run: it answers every request, health included, with 200. */
async function leftoverServer(): Promise<number> {
  leftover = createServer((_request, response) => response.end("{}"));
  await new Promise<void>((resolve) => leftover!.listen(0, "127.0.0.1", resolve));
  return (leftover.address() as AddressInfo).port;
}

describe("a starter refuses a port that already answers", () => {
  it("startNextServer names the port instead of taking that server for its own", async () => {
    const port = await leftoverServer();
    await expect(startNextServer({ port })).rejects.toThrow(`port ${port} already answers`);
  });

  it("spawnSimulator, given a --port, names it", async () => {
    const port = await leftoverServer();
    await expect(spawnSimulator(["--port", String(port)])).rejects.toThrow(
      `port ${port} already answers`,
    );
  });
});
