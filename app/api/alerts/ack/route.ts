import type { BulkAckResults } from "@/lib/fleet/alert-work";
import { requireAlertActor } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { readJsonBody } from "@/lib/http/read-body";
import { acknowledgeAlerts, serverAlertContext } from "@/lib/live/alert-actions";
import { BULK_ACK_BODY } from "@/lib/live/alert-requests";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

/**
 * Acknowledges several alerts with one note: `{ ids: [...], note? }` → `{ results }`, one per
 * id (acknowledged, unchanged, not_found or refused). Dispatchers and admins only.
 */
const post = async (request: Request) => {
  const actor = await requireAlertActor(request);
  const { ids, note } = await readJsonBody(request, BULK_ACK_BODY);
  const results = await acknowledgeAlerts(
    getLiveService(),
    ids,
    note,
    actor.email,
    await serverAlertContext(),
  );
  return Response.json({ results } satisfies BulkAckResults, {
    headers: { "cache-control": "no-store" },
  });
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ POST: post });
