/**
 * `node --import tsx bench/support/replay-server.ts <recording.json> <port>`: see replay.ts.
 * Each client gets the recorded snapshot, then every replayed delta; a client with more than
 * 2 MiB not yet taken by its socket is skipped, as the product's streams skip one that is behind.
 */
import { createServer, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import type { Recording } from "./replay";

const [file, port] = process.argv.slice(2);
const recording = JSON.parse(readFileSync(file!, "utf8")) as Recording;
const snapshot = Buffer.from(recording.snapshot, "latin1");
const clients = new Set<ServerResponse>();

const server = createServer((request, response) => {
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
  });
  response.write("retry: 3000\n\n");
  response.write(snapshot);
  clients.add(response);
  request.on("close", () => clients.delete(response));
});

const lapMs = (recording.deltas.at(-1)?.atMs ?? 0) + 1000;
function replay(lapStarted: number) {
  for (const { atMs, frame } of recording.deltas) {
    setTimeout(
      () => {
        // The message's own time, as the product's server sets it when it builds the delta.
        const bytes = Buffer.from(frame.replace(/"t":\d+/, `"t":${Date.now()}`), "latin1");
        for (const client of clients) {
          if (client.writableLength <= 2 * 1024 * 1024) client.write(bytes);
        }
      },
      lapStarted + atMs - Date.now(),
    );
  }
  setTimeout(() => replay(lapStarted + lapMs), lapStarted + lapMs - Date.now());
}

server.listen({ port: Number(port), host: "127.0.0.1", backlog: 4096 }, () => {
  console.log("listening");
  replay(Date.now());
});
