import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { inCoding, SNAPSHOT_CODINGS, snapshotResponse } from "@/lib/live/snapshot-response";
import type { SnapshotCoding } from "@/lib/live/snapshot-cache";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ coding: string }> };

async function codingOf(context: Context): Promise<SnapshotCoding | undefined> {
  const { coding } = await context.params;
  return SNAPSHOT_CODINGS.find((known) => known === coding);
}

const handlers = route<Context>({
  GET: async (request, context) => {
    const coding = await codingOf(context);
    if (!coding) throw new HttpError("not_found", "The snapshot comes in br or gzip.");
    return snapshotResponse(request, coding);
  },
});

/**
 * The snapshot compressed: next.config.mjs rewrites GET /api/fleet/snapshot here by the
 * request's Accept-Encoding and labels every answer with that Content-Encoding, so every answer
 * (an error or a 405 too) is sent in that coding.
 */
function coded(method: keyof typeof handlers) {
  return async (request: Request, context: Context) => {
    const response = await handlers[method](request, context);
    const coding = await codingOf(context);
    return coding ? inCoding(response, coding) : response;
  };
}

export const GET = coded("GET");
export const POST = coded("POST");
export const PUT = coded("PUT");
export const PATCH = coded("PATCH");
export const DELETE = coded("DELETE");
export const OPTIONS = coded("OPTIONS");
