import { requireAlertActor } from "@/lib/auth/session";
import { listAssignees } from "@/lib/auth/users";
import { handleRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

/** Who an alert can be assigned to (every dispatcher and admin), for those who may assign. */
export const GET = handleRoute(async (request: Request) => {
  await requireAlertActor(request);
  return Response.json(
    { assignees: await listAssignees() },
    { headers: { "cache-control": "private, no-cache" } },
  );
});
