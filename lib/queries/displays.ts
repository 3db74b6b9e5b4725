import { queryOptions } from "@tanstack/react-query";
import type { DisplayList, DisplayView, OneDisplay } from "@/lib/fleet/access";
import { fetchJson } from "./fetch-json";

export type DisplayLink = DisplayView;
export type NewDisplay = { name: string; expiresInDays?: number };

const LIST_KEY = ["displays", "list"] as const;

/** The admin's display links, defined once; the form and the table share this key. */
export const displayQueries = {
  all: () => ["displays"] as const,
  list: () =>
    queryOptions({
      queryKey: LIST_KEY,
      queryFn: ({ signal }) => fetchJson<DisplayList>("/api/admin/displays", { signal }),
      // "Last seen" moves while screens run; once a minute is as often as the server records it.
      refetchInterval: 60_000,
    }),
};

export async function createDisplay(input: NewDisplay): Promise<DisplayLink> {
  const { display } = await fetchJson<OneDisplay>("/api/admin/displays", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  return display;
}

export async function revokeDisplay(id: string): Promise<DisplayLink> {
  const { display } = await fetchJson<OneDisplay>(`/api/admin/displays/${encodeURIComponent(id)}`, {
    method: "DELETE",
  });
  return display;
}
