import { requireApiSession } from "@/lib/auth/session";
import { lastLookQueries } from "@/lib/db/last-looks";
import { serverDatabase } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import { sinceLastLook } from "@/lib/history/summary";
import { route } from "@/lib/http/route";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/** What happened since the signed-in person last looked (SinceLastLook). */
const get = async (request: Request) => {
  const user = await requireApiSession(request);
  const summary = await sinceLastLook(await serverDatabase(), getLiveService().mirror, user.email, {
    now: Date.now(),
    historyDays: getEnv().historyDays,
  });
  return Response.json(summary, { headers: { "cache-control": "private, no-store" } });
};

/** "I am looking now": the dashboard says so while it is open, and at sign-out. */
const post = async (request: Request) => {
  const user = await requireApiSession(request);
  await lastLookQueries(await serverDatabase()).record(user.email, Date.now());
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: get,
  POST: post,
});
