import type { OneDisplay } from "@/lib/fleet/access";
import { displayView, requestOrigin, revokeDisplay } from "@/lib/auth/displays";
import { requireApiSession } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { HttpError } from "@/lib/http/http-error";

export const dynamic = "force-dynamic";

/**
 * Revokes a display link: the screen showing it loses its session within a minute (its stream
 * re-checks), on every instance. Answers the revoked record; 404 for an unknown id.
 */
const remove = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  await requireApiSession(request, "admin");
  const { id } = await context.params;
  const record = await revokeDisplay(id);
  if (!record) throw new HttpError("not_found", "There is no display link with this id.");
  return Response.json(
    { display: displayView(record, requestOrigin(request)) } satisfies OneDisplay,
    { headers: { "cache-control": "no-store" } },
  );
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ DELETE: remove });
