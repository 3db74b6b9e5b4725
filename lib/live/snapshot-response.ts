import "server-only";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { requireFleetReader } from "@/lib/auth/session";
import { requireData } from "./require-data";
import { getLiveService } from "./service";
import type { SnapshotCoding } from "./snapshot-cache";

export const SNAPSHOT_CODINGS: readonly SnapshotCoding[] = ["br", "gzip"];

/** Answers already in their coding (the snapshot's own bytes), which `inCoding` leaves alone. */
const precoded = new WeakSet<Response>();

/**
 * The whole snapshot in the wire format (lib/fleet/wire.ts), from bytes encoded and compressed
 * once per version; 304 when the browser already has this version.
 *
 * @param coding the content coding next.config.mjs chose from Accept-Encoding and labelled the
 *   answer with (Next.js drops a Content-Encoding set here, so the choice is made there).
 */
export async function snapshotResponse(request: Request, coding?: SnapshotCoding) {
  await requireFleetReader(request);
  const live = getLiveService();
  requireData(live);
  const snapshot = live.snapshots.current();
  const headers: Record<string, string> = {
    etag: snapshot.etag,
    "cache-control": "private, no-cache",
    "content-type": "application/json; charset=utf-8",
    vary: "accept-encoding",
  };
  const known = request.headers.get("if-none-match");
  if (known?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === snapshot.etag.slice(2))) {
    return new Response(null, { status: 304, headers });
  }
  const bytes = coding ? await snapshot.coded(coding) : snapshot.body;
  // A view of the kept bytes, not a copy.
  const body = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  const response = new Response(body, { headers });
  precoded.add(response);
  return response;
}

/**
 * Every answer of a route whose answers are all labelled with `coding` (the snapshot's coded
 * route: errors, 405s and OPTIONS too), in that coding.
 */
export async function inCoding(response: Response, coding: SnapshotCoding): Promise<Response> {
  if (!response.body || precoded.has(response)) return response;
  const bytes = Buffer.from(await response.arrayBuffer());
  return new Response(coding === "br" ? brotliCompressSync(bytes) : gzipSync(bytes), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
