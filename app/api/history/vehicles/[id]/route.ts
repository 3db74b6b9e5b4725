import { requireApiSession } from "@/lib/auth/session";
import { serverDatabase } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import {
  MAX_VEHICLE_RANGE_MS,
  readDeviceId,
  readRange,
  requireRecording,
  vehicleHistory,
  liveNames,
} from "@/lib/history/replay";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/** One vehicle's recorded track, events and fence stays over `from`..`to` (at most 24 h). */
const get = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  await requireApiSession(request, "dispatcher");
  const id = readDeviceId((await context.params).id);
  const live = getLiveService();
  const recorded = requireRecording(live.recorded);
  const range = readRange(new URL(request.url).searchParams, {
    maxMs: MAX_VEHICLE_RANGE_MS,
    historyDays: getEnv().historyDays,
  });
  const body = await vehicleHistory(
    await serverDatabase(),
    recorded,
    liveNames(live.mirror),
    id,
    range,
  );
  return Response.json(body, { headers: { "cache-control": "private, no-cache" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: get,
});
