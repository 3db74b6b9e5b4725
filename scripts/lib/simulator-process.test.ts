import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { spawnSimulator } from "./simulator-process";

let leftover: Server | undefined;
afterEach(() => leftover?.close());

/** A server left from an earlier run, answering every request. */
async function leftoverServer(): Promise<number> {
  leftover = createServer((_request, response) => response.end("{}"));
  await new Promise<void>((resolve) => leftover!.listen(0, "127.0.0.1", resolve));
  return (leftover.address() as AddressInfo).port;
}

describe("spawnSimulator", () => {
  it("refuses a --port that already answers, naming it", async () => {
    const port = await leftoverServer();
    await expect(spawnSimulator(["--port", String(port)])).rejects.toThrow(
      `port ${port} already answers`,
    );
  });
});
