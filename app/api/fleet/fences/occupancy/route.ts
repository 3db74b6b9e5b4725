import { requireApiSession } from "@/lib/auth/session";
import { fenceOccupancyQueries } from "@/lib/db/fence-occupancy";
import { serverDatabase } from "@/lib/db/server";
import { occupancyBoard } from "@/lib/fleet/occupancy";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

/**
 * The fence occupancy board: who is inside each fence now and since when, the visits since
 * `since` (the start of the asker's day, epoch ms; default: the last 24 h) and their average
 * dwell, and each fence's dwell limit.
 */
const get = async (request: Request) => {
  await requireApiSession(request);
  const now = Date.now();
  const asked = new URL(request.url).searchParams.get("since");
  const since = asked === null ? now - DAY_MS : Number(asked);
  if (!Number.isInteger(since) || since > now || since < now - 7 * DAY_MS) {
    throw new HttpError("bad_request", '"since" is epoch milliseconds within the last 7 days.');
  }
  const visits = fenceOccupancyQueries(await serverDatabase());
  const [stays, limits] = await Promise.all([visits.visitsSince(since), visits.dwellLimits()]);
  const { mirror } = getLiveService();
  const board = occupancyBoard(
    mirror.fenceList(),
    stays,
    limits,
    (id) => mirror.vehicle(id)?.name ?? id,
    since,
    now,
  );
  return Response.json(board, { headers: { "cache-control": "private, no-cache" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: get,
});
