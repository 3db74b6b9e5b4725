import { queryOptions, type QueryClient } from "@tanstack/react-query";
import {
  mergeAlertWork,
  type AlertActionResult,
  type AlertDetail,
  type AlertWork,
  type AssigneeList,
  type BulkAckResults,
} from "@/lib/fleet/alert-work";
import type { FleetSnapshot } from "@/lib/fleet/live";
import { fetchJson } from "./fetch-json";
import { fleetQueries } from "./fleet";

export type AlertActionKind = "ack" | "claim" | "assign" | "resolve";
export type AlertActionBody = { note?: string; takeOver?: boolean; to?: string | null };

const path = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;

/** The alerts' queries. The alerts and their work themselves arrive in the fleet snapshot. */
export const alertQueries = {
  /** One alert's history; the work version in the key fetches it again when the work changes. */
  detail: (id: string, version: number) =>
    queryOptions({
      queryKey: ["alerts", "detail", id, version] as const,
      queryFn: ({ signal }) => fetchJson<AlertDetail>(path(id), { signal }),
      staleTime: Infinity,
    }),
  assignees: () =>
    queryOptions({
      queryKey: ["alerts", "assignees"] as const,
      queryFn: ({ signal }) => fetchJson<AssigneeList>("/api/alerts/assignees", { signal }),
      staleTime: 5 * 60_000,
    }),
};

const post = <T>(url: string, body: unknown) =>
  fetchJson<T>(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** POST /api/alerts/{id}/{kind}; throws with the server's reason (a 409 says who holds it). */
export function postAlertAction(id: string, kind: AlertActionKind, body: AlertActionBody) {
  return post<AlertActionResult>(`${path(id)}/${kind}`, body);
}

export function acknowledgeAlerts(ids: readonly string[], note: string | undefined) {
  return post<BulkAckResults>("/api/alerts/ack", { ids, note });
}

/**
 * Puts work the server just answered with into the cached snapshot, so the person who acted
 * sees it at once; the stream brings the same version moments later (a newer one wins).
 */
export function showWork(client: QueryClient, work: readonly AlertWork[]) {
  client.setQueryData<FleetSnapshot>(fleetQueries.snapshot().queryKey, (snapshot) =>
    snapshot
      ? {
          ...snapshot,
          alertWork: mergeAlertWork(snapshot.alertWork ?? [], work, snapshot.alerts),
        }
      : snapshot,
  );
}
