import { z } from "zod";
import { requireFleetReader } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";
import { openFleetStream } from "@/lib/live/sse";

export const dynamic = "force-dynamic";

const lastEventId = z.coerce.number().int().nonnegative().optional();

/**
 * Server-Sent Events: what the browser missed, then every delta, with a heartbeat. The session
 * (or display link) is checked again every 30 s; when it has ended, the stream ends.
 */
const get = async (request: Request) => {
  const reader = await requireFleetReader(request);
  const raw =
    request.headers.get("last-event-id") ??
    new URL(request.url).searchParams.get("lastEventId") ??
    undefined;
  const parsed = lastEventId.safeParse(raw === "" ? undefined : raw);
  if (!parsed.success) {
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
  const stream = openFleetStream(live, parsed.data, request.signal, {
    stillValid: reader.stillValid,
    key: reader.key,
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
