import {
  asHttpError,
  changeUserSchema,
  emailParam,
  refuseSelf,
  userView,
} from "@/lib/auth/admin-users";
import { requireApiSession } from "@/lib/auth/session";
import { getUserStore } from "@/lib/auth/users";
import { route } from "@/lib/http/route";
import { readJsonBody } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ email: string }> };
const NO_STORE = { "cache-control": "no-store" };

/**
 * Changes a user's role and/or password: `{ "role": "viewer" }`, `{ "password": "…" }`. Either
 * change ends every session the user has, on every instance, at its next request.
 */
const patch = async (request: Request, context: Context) => {
  const admin = await requireApiSession(request, "admin");
  const email = emailParam((await context.params).email);
  const change = await readJsonBody(request, changeUserSchema);
  if (change.role !== undefined && change.role !== "admin")
    refuseSelf(admin.email, email, "demote");
  const store = await getUserStore();
  try {
    if (change.password !== undefined) await store.setPassword(email, change.password);
    const user =
      change.role !== undefined ? await store.setRole(email, change.role) : await store.find(email);
    return Response.json({ user: userView(user!) }, { headers: NO_STORE });
  } catch (error) {
    asHttpError(error);
  }
};

/** Removes a user; their sessions end with them. */
const remove = async (request: Request, context: Context) => {
  const admin = await requireApiSession(request, "admin");
  const email = emailParam((await context.params).email);
  refuseSelf(admin.email, email, "remove");
  try {
    await (await getUserStore()).remove(email);
  } catch (error) {
    asHttpError(error);
  }
  return new Response(null, { status: 204, headers: NO_STORE });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ PATCH: patch, DELETE: remove });
