import { requireApiSession } from "@/lib/auth/session";
import { serverDatabase } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import { historyCsv, historyGeoJson } from "@/lib/history/export";
import {
  MAX_VEHICLE_RANGE_MS,
  readDeviceId,
  readRange,
  requireRecording,
  vehicleHistory,
  liveNames,
} from "@/lib/history/replay";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

const stamp = (t: number) => new Date(t).toISOString().slice(0, 16).replace(/[-:]/g, "");

/** A vehicle's positions, trips and alerts over `from`..`to` as a download: ?format=csv|geojson. */
const get = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  await requireApiSession(request, "dispatcher");
  const id = readDeviceId((await context.params).id);
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "geojson") {
    throw new HttpError("bad_request", '"format" is csv or geojson.');
  }
  const live = getLiveService();
  const recorded = requireRecording(live.recorded);
  const range = readRange(params, {
    maxMs: MAX_VEHICLE_RANGE_MS,
    historyDays: getEnv().historyDays,
  });
  const history = await vehicleHistory(
    await serverDatabase(),
    recorded,
    liveNames(live.mirror),
    id,
    range,
  );
  const file = `${id}-${stamp(range.from)}-${stamp(range.to)}.${format}`;
  const body = format === "csv" ? historyCsv(history) : JSON.stringify(historyGeoJson(history));
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/geo+json",
      "content-disposition": `attachment; filename="${file}"`,
      "cache-control": "private, no-store",
    },
  });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: get,
});
