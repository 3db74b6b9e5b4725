import { asHttpError, emailParam, userView } from "@/lib/auth/admin-users";
import { requireApiSession } from "@/lib/auth/session";
import { getUserStore } from "@/lib/auth/users";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * "Sign out everywhere": ends every session the user has, on every instance, at its next request
 * (an open map stream within 30 s). The user can sign in again; answers the user.
 */
const remove = async (request: Request, context: { params: Promise<{ email: string }> }) => {
  await requireApiSession(request, "admin");
  const email = emailParam((await context.params).email);
  try {
    const user = await (await getUserStore()).endSessions(email);
    return Response.json({ user: userView(user) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    asHttpError(error);
  }
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ DELETE: remove });
