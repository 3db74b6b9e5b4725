import { route } from "@/lib/http/route";
import { snapshotResponse } from "@/lib/live/snapshot-response";

export const dynamic = "force-dynamic";

/**
 * The whole snapshot, uncompressed: for a client that accepts neither br nor gzip. Every other
 * request is rewritten to ./[coding] by next.config.mjs.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: (request) => snapshotResponse(request),
});
