/**
 * The production server (`npm start`): Next.js's own request handling behind a plain Node.js
 * HTTP server, which answers the browsers' SSE streams itself (lib/live/direct-stream.ts) and
 * hands every other request to Next.js. A bare `next start` serves the same product; only its
 * streams cost ten times the memory.
 *
 *   node scripts/serve.mjs [--port 3000] [--hostname 0.0.0.0]    (or PORT and HOSTNAME)
 *
 * Plain JavaScript, so production needs nothing but Node.js and the build.
 */
import { createServer } from "node:http";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Fleet Live cannot start. The port must be a whole number from 0 to 65535.`);
  process.exit(1);
}
// As `next start` does: a production build runs as production.
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { default: next } = await import("next");
const app = next({
  dev: false,
  dir: dirname(dirname(fileURLToPath(import.meta.url))),
  hostname: hostname ?? "localhost",
  port,
});
const handle = app.getRequestHandler();
// Starts Next.js, and with it the live service (instrumentation.ts), which offers the direct
// stream answer on globalThis.
await app.prepare();
const DIRECT_ANSWER = Symbol.for("fleet-live.direct-answer");

const server = createServer((request, response) => {
  const direct = globalThis[DIRECT_ANSWER];
  const answered = direct ? direct(request, response) : Promise.resolve(false);
  answered
    .then((done) => done || handle(request, response))
    .catch((error) => {
      console.error(`[server] ${request.method} ${request.url?.split("?")[0]}: ${error}`);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
});
// Node closes a keep-alive connection after 5 s idle, and a client that sends its next request
// on it in that same moment gets ECONNRESET (an e2e poll did, once). A load balancer in front
// keeps its connections up to 60 s: the server outlasts it, so the closing is always the
// balancer's, never a race the client loses.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// A deployment's reconnect storm brings a thousand screens in the same second; the kernel's
// default queue of 511 waiting connections would drop some and make them retry a second later.
server.listen({ port, host: hostname, backlog: 4096 }, () => {
  const address = server.address();
  const shown = typeof address === "object" && address ? address.port : port;
  console.log(`Fleet Live is listening on http://${hostname ?? "localhost"}:${shown}`);
});

// The live service ends every open stream on SIGTERM and SIGINT (lib/startup.ts); then the
// server stops taking connections and the process exits once the answers in flight are done.
for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
]) {
  process.once(signal, () => {
    // A connection whose answer is still in flight closes as soon as it is done, not 65 s later.
    server.keepAliveTimeout = 1;
    server.close(() => void app.close().finally(() => process.exit(code)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(code), 10_000).unref();
  });
}
