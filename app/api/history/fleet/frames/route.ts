import { requireApiSession } from "@/lib/auth/session";
import { serverDatabase } from "@/lib/db/server";
import { fleetFrames, readFrame, requireRecording, liveNames } from "@/lib/history/replay";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/** Where every vehicle was at `at`, and every fix in the `span` ms after it (at most 15 min). */
const get = async (request: Request) => {
  await requireApiSession(request, "dispatcher");
  const live = getLiveService();
  requireRecording(live.recorded);
  const frame = readFrame(new URL(request.url).searchParams);
  const body = await fleetFrames(await serverDatabase(), liveNames(live.mirror), frame);
  return Response.json(body, { headers: { "cache-control": "private, no-cache" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: get,
});
