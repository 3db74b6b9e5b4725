import "server-only";
import { HttpError } from "@/lib/http/http-error";
import type { LiveService } from "./service";

/** Before the first positions arrive there is nothing to show: 503 with the reason. */
export function requireData(live: LiveService): void {
  if (live.mirror.hasData) return;
  const { reason } = live.mirror.staleness();
  throw new HttpError(
    "upstream_unavailable",
    `No fleet data yet: ${reason ?? "waiting for FleetUp"}. Try again in a few seconds.`,
    { "retry-after": "5" },
  );
}
