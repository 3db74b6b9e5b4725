import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * Whether a request carries `Authorization: Bearer <METRICS_TOKEN>` (Prometheus's own way);
 * false when no METRICS_TOKEN is set. Compared in constant time, as digests of equal length.
 */
export function hasMetricsToken(request: Request): boolean {
  const expected = getEnv().metricsToken;
  if (!expected) return false;
  const given = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
