import { requireFleetReader } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { alertDetail, serverAlertContext } from "@/lib/live/alert-actions";
import { alertIdParam } from "@/lib/live/alert-requests";
import { getLiveService } from "@/lib/live/service";
import type { AlertRouteContext } from "./alert-action";

export const dynamic = "force-dynamic";

/** One alert with its work and its whole history: for everyone who may see the fleet. */
const get = async (request: Request, context: AlertRouteContext) => {
  await requireFleetReader(request);
  const id = alertIdParam((await context.params).id);
  const detail = await alertDetail(getLiveService(), id, await serverAlertContext());
  return Response.json(detail, { headers: { "cache-control": "private, no-cache" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
