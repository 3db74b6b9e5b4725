import { createDisplaySchema } from "@/lib/auth/display-links";
import { displayView, requestOrigin, getDisplayStore } from "@/lib/auth/displays";
import { requireApiSession } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/handle-route";
import { readJsonBody } from "@/lib/http/read-body";
import { requireSameSite } from "@/lib/http/same-site";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };
const DAY_MS = 24 * 3600 * 1000;

/** Every display link, newest first, with its state and (unless revoked) its link; admins only. */
export const GET = handleRoute(async (request: Request) => {
  await requireApiSession(request, "admin");
  const origin = requestOrigin(request);
  const now = new Date();
  const displays = (await (await getDisplayStore()).list()).map((record) =>
    displayView(record, origin, now),
  );
  return Response.json({ displays }, { headers: NO_STORE });
});

/** Creates a display link: `{ name, expiresInDays? }` → 201 `{ display }` with its link. */
export const POST = handleRoute(async (request: Request) => {
  requireSameSite(request);
  const admin = await requireApiSession(request, "admin");
  const input = await readJsonBody(request, createDisplaySchema);
  const now = new Date();
  const expiresAt =
    input.expiresInDays === undefined
      ? null
      : new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const record = await (await getDisplayStore()).create(input.name, expiresAt, admin.email);
  return Response.json(
    { display: displayView(record, requestOrigin(request), now) },
    { status: 201, headers: NO_STORE },
  );
});
