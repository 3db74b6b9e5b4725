import { z } from "zod";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { nowSeconds, reportPresence } from "@/lib/auth/session-claims";
import { requireUserSession } from "@/lib/auth/session";
import type { SessionTimes } from "@/lib/fleet/access";
import { getEnv } from "@/lib/env";
import { readJsonBody } from "@/lib/http/read-body";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const SHAPE = 'Send { "present": true } or { "present": false }.';
const report = z.strictObject({ present: z.boolean({ error: SHAPE }) }, { error: SHAPE });

/**
 * The dashboard's presence report (docs/sign-in.md, Sessions). `present: true` (the page is
 * visible and receiving the live feed, or a person used it just now) slides the idle window, by
 * re-issuing the session cookie; `false` only asks how long the session has left. A session that
 * has already idled out, ended or been signed out is 401 here as everywhere: presence never
 * brings one back, and never extends the absolute lifetime.
 */
const post = async (request: Request) => {
  const session = await requireUserSession(request);
  const { present } = await readJsonBody(request, report);
  const { auth } = getEnv();
  const now = nowSeconds();
  const limits = { maxAgeS: auth.sessionMaxAgeS, idleS: auth.sessionIdleS };
  const { claims, times } = reportPresence(session.claims, present, now, limits);
  if (present) await setSessionCookie(claims, now);
  return Response.json(times satisfies SessionTimes, {
    headers: { "cache-control": "private, no-store" },
  });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: post });
