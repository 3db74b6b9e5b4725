import type { DisplayList, OneDisplay } from "@/lib/fleet/access";
import { createDisplaySchema } from "@/lib/auth/display-links";
import { displayView, requestOrigin, getDisplayStore } from "@/lib/auth/displays";
import { requireApiSession } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { getEnv } from "@/lib/env";
import { readJsonBody } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };
const DAY_MS = 24 * 3600 * 1000;

/** Every display link, newest first, with its state and (unless revoked) its link; admins only. */
const get = async (request: Request) => {
  await requireApiSession(request, "admin");
  const origin = requestOrigin(request);
  const now = new Date();
  const displays = (await (await getDisplayStore()).list()).map((record) =>
    displayView(record, origin, now),
  );
  return Response.json({ displays } satisfies DisplayList, { headers: NO_STORE });
};

/**
 * Creates a display link: `{ name, expiresInDays? }` → 201 `{ display }` with its link. Every link
 * expires: without `expiresInDays`, after DISPLAY_LINK_DAYS (90).
 */
const post = async (request: Request) => {
  const admin = await requireApiSession(request, "admin");
  const input = await readJsonBody(request, createDisplaySchema);
  const now = new Date();
  const days = input.expiresInDays ?? getEnv().auth.displayLinkDays;
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  const record = await (await getDisplayStore()).create(input.name, expiresAt, admin.email);
  return Response.json(
    { display: displayView(record, requestOrigin(request), now) } satisfies OneDisplay,
    { status: 201, headers: NO_STORE },
  );
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get, POST: post });
