import { requireFleetReader } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { listAlerts } from "@/lib/live/alert-actions";
import { parseAlertQuery } from "@/lib/live/alert-requests";
import { getLiveService } from "@/lib/live/service";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

/**
 * The alerts of the last 24 hours with their work, newest first, one page at a time:
 * `?state=open|mine|unassigned|resolved|all&severity=critical,warning&type=&vehicle=&fence=
 * &limit=100&cursor=`; with the count of each state. For everyone who may see the fleet.
 */
const get = async (request: Request) => {
  const reader = await requireFleetReader(request);
  const query = parseAlertQuery(new URL(request.url).searchParams);
  const me = reader.kind === "user" ? reader.user.email : undefined;
  const page = listAlerts(getLiveService(), query, me, {
    now: Date.now(),
    escalateAfterMs: getEnv().alerts.escalateAfterMs,
  });
  return Response.json(page, { headers: { "cache-control": "private, no-cache" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
