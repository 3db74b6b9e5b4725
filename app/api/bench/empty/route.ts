import { getEnv } from "@/lib/env";
import { HttpError } from "@/lib/http/http-error";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * The framework's own floor for bench/live-service.ts: a route handler that does nothing, in
 * the same build, behind the same proxy and route plumbing as every route. It does not exist
 * unless the server runs with BENCH_PAGES=1 (the benches start it so).
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: () => {
    if (!getEnv().benchPages) throw new HttpError("not_found", "There is nothing here.");
    return new Response("ok");
  },
});
