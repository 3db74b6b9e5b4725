import packageJson from "@/package.json";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Open to everyone (load balancers, uptime checks); says nothing secret. */
export function GET() {
  const { upstream } = getEnv();
  return Response.json(
    {
      status: "ok",
      version: packageJson.version,
      upstream: { mode: upstream.mode },
      time: new Date().toISOString(),
    },
    { headers: { "cache-control": "no-store" } },
  );
}
