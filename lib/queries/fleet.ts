import { queryOptions, type QueryClient } from "@tanstack/react-query";
import type { FenceList, FleetSnapshot, VehicleDetail } from "@/lib/fleet/live";
import { decodeSnapshot, type WireSnapshot } from "@/lib/fleet/wire";
import { fetchJson, responseError } from "./fetch-json";

const SNAPSHOT_KEY = ["fleet", "snapshot"] as const;
const FENCES_KEY = ["fleet", "fences"] as const;

/** The ETag of the snapshot each query client holds, so a poll that finds nothing new costs a 304. */
const etags = new WeakMap<QueryClient, { etag: string; version: number }>();

async function fetchSnapshot(client: QueryClient, signal: AbortSignal): Promise<FleetSnapshot> {
  const held = client.getQueryData<FleetSnapshot>(SNAPSHOT_KEY);
  const known = etags.get(client);
  const sendEtag = held && known && known.version === held.version;
  const response = await fetch("/api/fleet/snapshot", {
    signal,
    headers: {
      accept: "application/json",
      ...(sendEtag ? { "if-none-match": known.etag } : {}),
    },
  });
  if (response.status === 304 && held) return held;
  if (!response.ok) throw await responseError(response);
  const snapshot = decodeSnapshot((await response.json()) as WireSnapshot);
  const etag = response.headers.get("etag");
  if (etag) etags.set(client, { etag, version: snapshot.version });
  // The stream may have moved the cache past this answer while it was on its way.
  const latest = client.getQueryData<FleetSnapshot>(SNAPSHOT_KEY);
  return latest && latest.version > snapshot.version ? latest : snapshot;
}

/** Every query of the dashboard, defined once. The live stream writes into these same keys. */
export const fleetQueries = {
  all: () => ["fleet"] as const,
  snapshot: () =>
    queryOptions({
      queryKey: SNAPSHOT_KEY,
      queryFn: ({ signal, client }) => fetchSnapshot(client, signal),
      // The stream (or its polling fallback) keeps this fresh; nothing refetches on its own.
      staleTime: Infinity,
      retry: false,
    }),
  fences: () =>
    queryOptions({
      queryKey: FENCES_KEY,
      queryFn: ({ signal }) => fetchJson<FenceList>("/api/fleet/fences", { signal }),
      staleTime: 10 * 60_000,
      // A server that has not fetched the fences yet (it just started) answers an empty list:
      // ask again soon rather than showing no fence for ten minutes.
      refetchInterval: (query) => (query.state.data?.fetchedAt == null ? 5_000 : false),
    }),
  vehicle: (id: string) =>
    queryOptions({
      queryKey: ["fleet", "vehicle", id] as const,
      queryFn: ({ signal }) =>
        fetchJson<VehicleDetail>(`/api/fleet/vehicles/${encodeURIComponent(id)}`, { signal }),
      // The server refreshes a trail at most once a minute; asking more often gains nothing.
      staleTime: 30_000,
      refetchInterval: 60_000,
    }),
};
