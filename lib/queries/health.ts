import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

export type Health = {
  status: "ok" | "degraded";
  version: string;
  upstream: { mode: "simulator" | "fleetup" };
  time: string;
};

export const healthQueries = {
  status: () =>
    queryOptions({
      queryKey: ["health"] as const,
      queryFn: ({ signal }) => fetchJson<Health>("/api/health", { signal }),
      refetchInterval: 10_000,
    }),
};
