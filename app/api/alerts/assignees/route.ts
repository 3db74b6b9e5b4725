import type { AssigneeList } from "@/lib/fleet/alert-work";
import { requireAlertActor } from "@/lib/auth/session";
import { listAssignees } from "@/lib/auth/users";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Who an alert can be assigned to (every dispatcher and admin), for those who may assign. */
const get = async (request: Request) => {
  await requireAlertActor(request);
  return Response.json({ assignees: await listAssignees() } satisfies AssigneeList, {
    headers: { "cache-control": "private, no-cache" },
  });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
