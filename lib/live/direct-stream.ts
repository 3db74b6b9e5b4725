import "server-only";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerSecurityHeaders } from "@/lib/auth/security-headers";
import { settledFleetReader } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { getLiveService } from "./service";
import { lastEventIdOf, writeFleetStream } from "./sse";

const STREAM_PATH = "/api/fleet/stream";

/**
 * Answers a browser's SSE stream at the socket, before Next.js sees the request: a Next.js
 * route handler costs every stream a web stream, its request objects and about 120 KiB, and
 * every frame a trip through them, so ten thousand screens would need ten times the memory and
 * miss their deltas' deadline. Only a stream that will be accepted is answered here (a signed-in
 * session, or a wall screen's display session verified moments ago, within the limits); for
 * anything else this answers false and the route handler (app/api/fleet/stream) answers,
 * refusals and display cookie rotation included. The security headers are proxy.ts's own.
 */
export async function answerStreamDirectly(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  if (request.method !== "GET" || !request.url?.startsWith(STREAM_PATH)) return false;
  const url = new URL(request.url, "http://direct");
  if (url.pathname !== STREAM_PATH) return false;
  const header = request.headers["last-event-id"];
  const lastEventId = lastEventIdOf(Array.isArray(header) ? header[0] : header, url);
  if (lastEventId === null) return false;
  const reader = await settledFleetReader(request.headers.cookie).catch(() => null);
  if (!reader) return false;
  // The browser left while the session was checked: nothing to answer, nothing to register.
  if (response.destroyed) return true;
  const env = getEnv();
  const live = getLiveService();
  if (live.streams.closing || live.streams.refusal(reader.key, env.streams)) return false;
  const nonce = randomBytes(16).toString("base64");
  // Opened in this same tick as the check above (the stream registers as it is made).
  writeFleetStream(live, lastEventId, response, answerSecurityHeaders(env, nonce), {
    stillValid: reader.stillValid,
    key: reader.key,
  });
  return true;
}

const DIRECT_ANSWER = Symbol.for("fleet-live.direct-answer");
type Holder = typeof globalThis & { [DIRECT_ANSWER]?: typeof answerStreamDirectly };

/**
 * Offers `answerStreamDirectly` to the server program (scripts/serve.mjs), which runs outside
 * the Next.js bundles and finds it on globalThis once Next.js has started.
 */
export function offerDirectAnswers(): void {
  (globalThis as Holder)[DIRECT_ANSWER] = answerStreamDirectly;
}
