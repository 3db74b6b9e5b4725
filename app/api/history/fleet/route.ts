import { requireApiSession } from "@/lib/auth/session";
import { serverDatabase } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import {
  fleetHistory,
  MAX_FLEET_RANGE_MS,
  readRange,
  requireRecording,
  liveNames,
} from "@/lib/history/replay";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/** The whole fleet's alerts, trips and fence stays over `from`..`to`, for replay's scrub bar. */
const get = async (request: Request) => {
  await requireApiSession(request, "dispatcher");
  const live = getLiveService();
  requireRecording(live.recorded);
  const range = readRange(new URL(request.url).searchParams, {
    maxMs: MAX_FLEET_RANGE_MS,
    historyDays: getEnv().historyDays,
  });
  const body = await fleetHistory(await serverDatabase(), liveNames(live.mirror), range);
  return Response.json(body, { headers: { "cache-control": "private, no-cache" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: get,
});
