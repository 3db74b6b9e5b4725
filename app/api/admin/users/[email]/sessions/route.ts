import { asHttpError, emailParam, userView } from "@/lib/auth/admin-users";
import { requireApiSession } from "@/lib/auth/session";
import { getUserStore } from "@/lib/auth/users";
import { handleRoute } from "@/lib/http/handle-route";
import { requireSameSite } from "@/lib/http/same-site";

export const dynamic = "force-dynamic";

/**
 * "Sign out everywhere": ends every session the user has, on every instance, at its next request
 * (an open map stream within 30 s). The user can sign in again; answers the user.
 */
export const DELETE = handleRoute(
  async (request: Request, context: { params: Promise<{ email: string }> }) => {
    requireSameSite(request);
    await requireApiSession(request, "admin");
    const email = emailParam((await context.params).email);
    try {
      const user = await (await getUserStore()).endSessions(email);
      return Response.json({ user: userView(user) }, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      asHttpError(error);
    }
  },
);
