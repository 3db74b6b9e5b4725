import { z } from "zod";
import { requireApiSession } from "@/lib/auth/session";
import { fenceOccupancyQueries } from "@/lib/db/fence-occupancy";
import { serverDatabase } from "@/lib/db/server";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";
import { readJsonBody } from "@/lib/http/read-body";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

const body = z.object({
  minutes: z
    .number({ message: "minutes is a whole number from 1 to 1440, or null for no limit." })
    .int("minutes is a whole number from 1 to 1440, or null for no limit.")
    .min(1, "minutes is a whole number from 1 to 1440, or null for no limit.")
    .max(1440, "minutes is a whole number from 1 to 1440, or null for no limit.")
    .nullable(),
});

/**
 * Sets a fence's dwell limit (admins): `{ "minutes": 30 }`, or `{ "minutes": null }` for none. A
 * vehicle inside longer raises "dwell exceeded" (once per stay) within a positions poll or so.
 */
const put = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const admin = await requireApiSession(request, "admin");
  const id = decodeURIComponent((await context.params).id);
  const fence = getLiveService()
    .mirror.fenceList()
    .find((candidate) => candidate.id === id);
  if (!fence) throw new HttpError("not_found", `No fence with id ${id}.`);
  const { minutes } = await readJsonBody(request, body);
  await fenceOccupancyQueries(await serverDatabase()).setDwellLimit(
    fence.id,
    minutes === null ? null : minutes * 60,
    admin.email,
    Date.now(),
  );
  return Response.json(
    { fenceId: fence.id, dwellLimitS: minutes === null ? null : minutes * 60 },
    { headers: { "cache-control": "no-store" } },
  );
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  PUT: put,
});
