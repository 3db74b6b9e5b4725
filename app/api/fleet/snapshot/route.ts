import { requireFleetReader } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { requireData } from "@/lib/live/require-data";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/** The whole snapshot (compressed by the server); 304 when the browser already has it. */
const get = async (request: Request) => {
  await requireFleetReader(request);
  const live = getLiveService();
  requireData(live);
  const snapshot = live.snapshots.current();
  const headers: Record<string, string> = {
    etag: snapshot.etag,
    "cache-control": "private, no-cache",
    "content-type": "application/json; charset=utf-8",
  };
  const known = request.headers.get("if-none-match");
  if (known?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === snapshot.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(snapshot.json, { headers });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
