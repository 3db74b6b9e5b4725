import { requireApiSession } from "@/lib/auth/session";
import { requireRecording } from "@/lib/history/replay";
import { MAX_TRIPS } from "@/lib/history/trails";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

const TRIP_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The recorded road of ongoing trips, for the map's trip lines: `?ids=<trip id>,…` (at most
 * 200) → `{ trails: { <trip id>: [[lat, lng], …] } }`. Trips not under way are left out.
 */
const get = async (request: Request) => {
  await requireApiSession(request);
  const live = getLiveService();
  const recorded = requireRecording(live.recorded);
  const ids = (new URL(request.url).searchParams.get("ids") ?? "").split(",").filter(Boolean);
  if (ids.length > MAX_TRIPS || !ids.every((id) => TRIP_ID.test(id))) {
    throw new HttpError("bad_request", `"ids" is a comma list of at most ${MAX_TRIPS} trip ids.`);
  }
  const trips = ids.flatMap((id) => {
    const trip = live.mirror.trip(id);
    return trip && trip.endTime === undefined ? [trip] : [];
  });
  const trails = await recorded.tripTrails(trips);
  return Response.json({ trails }, { headers: { "cache-control": "private, no-cache" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: get,
});
