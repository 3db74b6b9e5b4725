import { queryOptions } from "@tanstack/react-query";
import type { HealthDetails } from "@/lib/fleet/health";
import { fetchJson } from "./fetch-json";

/** The dashboard is signed in: it is told the details. */
export type Health = HealthDetails;

export const healthQueries = {
  status: () =>
    queryOptions({
      queryKey: ["health"] as const,
      queryFn: ({ signal }) => fetchJson<Health>("/api/health", { signal }),
      refetchInterval: 10_000,
    }),
};
