import { z } from "zod";
import type { VehicleDetail } from "@/lib/fleet/live";
import { requireApiSession } from "@/lib/auth/session";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { describeFailure } from "@/lib/live/describe-failure";
import { requireData } from "@/lib/live/require-data";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

const vehicleId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/);

/** One vehicle with its ongoing trip and its recent trail (fetched on demand, cached). */
const get = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  await requireApiSession(request);
  const { id } = await context.params;
  const parsed = vehicleId.safeParse(id);
  if (!parsed.success) {
    throw new HttpError("bad_request", "A vehicle id is 1 to 64 letters, digits or . _ : -");
  }
  const live = getLiveService();
  requireData(live);
  const vehicle = live.mirror.vehicle(parsed.data);
  if (!vehicle) throw new HttpError("not_found", `No vehicle with id ${parsed.data}.`);
  const trail = await live.trails.get(vehicle.id).then(
    (value) => ({ trail: value, trailError: null }),
    (error: unknown) => ({ trail: null, trailError: describeFailure(error).message }),
  );
  return Response.json(
    { vehicle, trip: live.mirror.trip(vehicle.tripId) ?? null, ...trail } satisfies VehicleDetail,
    { headers: { "cache-control": "private, no-cache" } },
  );
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
