import { requireFleetReader } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";
import { lastEventIdOf, openFleetStream, STREAM_HEADERS } from "@/lib/live/sse";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events: what the browser missed, then every delta, with a heartbeat. The session
 * (or display link) is checked again every 30 s; when it has ended, the stream ends.
 *
 * Under `npm start` a stream that will be accepted never reaches this handler: the server
 * writes it to the socket itself (lib/live/direct-stream.ts). This handler answers every
 * refusal, and every stream under `next dev` or a bare `next start`.
 */
const get = async (request: Request) => {
  const reader = await requireFleetReader(request);
  const lastEventId = lastEventIdOf(request.headers.get("last-event-id"), new URL(request.url));
  if (lastEventId === null) {
    throw new HttpError(
      "bad_request",
      "Last-Event-ID must be a snapshot version (a whole number).",
    );
  }
  const live = getLiveService();
  if (live.streams.closing) {
    // Over a kept-alive connection a browser could open a new stream while the server shuts
    // down; refuse it and close the connection, so the browser reconnects elsewhere.
    throw new HttpError("shutting_down", "The server is restarting; reconnect in a moment.", {
      connection: "close",
      "retry-after": "1",
    });
  }
  const refused = live.streams.refusal(reader.key, getEnv().streams);
  if (refused) {
    throw new HttpError("too_many_requests", refused.message, {
      "retry-after": String(refused.retryAfterS),
    });
  }
  // Opened in this same tick as the check above (the stream registers as it is made).
  const stream = openFleetStream(live, lastEventId, request.signal, {
    stillValid: reader.stillValid,
    key: reader.key,
  });
  return new Response(stream, { headers: STREAM_HEADERS });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
