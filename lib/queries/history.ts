import { queryOptions } from "@tanstack/react-query";
import type { FleetFrames, FleetHistory, SinceLastLook, VehicleHistory } from "@/lib/fleet/history";
import type { OccupancyBoard } from "@/lib/fleet/occupancy";
import { fetchJson } from "./fetch-json";

/** Whole-fleet replay reads frames of this length, aligned to it (so neighbours share them). */
export const FRAME_MS = 5 * 60_000;

const range = (from: number, to: number) => `from=${Math.round(from)}&to=${Math.round(to)}`;

/**
 * The recorded history's queries: replay's reads (under their own keys, so replay never touches
 * the live snapshot), the occupancy board and "since you last looked".
 */
export const historyQueries = {
  vehicle: (id: string, from: number, to: number) =>
    queryOptions({
      queryKey: ["history", "vehicle", id, from, to] as const,
      queryFn: ({ signal }) =>
        fetchJson<VehicleHistory>(
          `/api/history/vehicles/${encodeURIComponent(id)}?${range(from, to)}`,
          { signal },
        ),
      staleTime: Infinity,
      // Part of the range still coming from FleetUp: ask again until it is in.
      refetchInterval: (query) => (query.state.data?.backfilling ? 3_000 : false),
    }),
  fleet: (from: number, to: number) =>
    queryOptions({
      queryKey: ["history", "fleet", from, to] as const,
      queryFn: ({ signal }) =>
        fetchJson<FleetHistory>(`/api/history/fleet?${range(from, to)}`, { signal }),
      staleTime: Infinity,
    }),
  frames: (at: number) =>
    queryOptions({
      queryKey: ["history", "frames", at] as const,
      queryFn: ({ signal }) =>
        fetchJson<FleetFrames>(`/api/history/fleet/frames?at=${at}&span=${FRAME_MS}`, { signal }),
      staleTime: Infinity,
      gcTime: 2 * 60_000,
    }),
  occupancy: (since: number) =>
    queryOptions({
      queryKey: ["history", "occupancy", since] as const,
      queryFn: ({ signal }) =>
        fetchJson<OccupancyBoard>(`/api/fleet/fences/occupancy?since=${since}`, { signal }),
      refetchInterval: 15_000,
    }),
  sinceLastLook: () =>
    queryOptions({
      queryKey: ["history", "since-last-look"] as const,
      queryFn: ({ signal }) => fetchJson<SinceLastLook>("/api/me/last-look", { signal }),
      staleTime: Infinity,
      retry: false,
    }),
};

/** Tells the server "this person is looking now" (on opening, every few minutes, at sign-out). */
export async function recordLastLook(): Promise<void> {
  await fetch("/api/me/last-look", {
    method: "POST",
    keepalive: true,
    // Every state-changing request carries JSON (lib/http/same-site.ts).
    headers: { "content-type": "application/json" },
    body: "{}",
  }).catch(() => undefined);
}
