import { userView } from "@/lib/auth/admin-users";
import { requireApiSession } from "@/lib/auth/session";
import { getUserStore } from "@/lib/auth/users";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** The users who may sign in, for admins only; never a password hash. */
const get = async (request: Request) => {
  await requireApiSession(request, "admin");
  const users = await (await getUserStore()).list();
  return Response.json(
    { users: users.map(userView) },
    { headers: { "cache-control": "no-store" } },
  );
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
