import { requireAlertActor } from "@/lib/auth/session";
import { findAssignee } from "@/lib/auth/users";
import type { AlertAction } from "@/lib/fleet/alert-work";
import { HttpError } from "@/lib/http/http-error";
import { readJsonBody } from "@/lib/http/read-body";
import { actOnAlert, serverAlertContext } from "@/lib/live/alert-actions";
import { ACTION_BODIES, alertIdParam } from "@/lib/live/alert-requests";
import { getLiveService } from "@/lib/live/service";

export type AlertRouteContext = { params: Promise<{ id: string }> };

/**
 * `POST /api/alerts/{id}/ack|claim|assign|resolve`: dispatchers and admins only (403 with a
 * message for a viewer or a wall screen), a zod-checked body (empty means `{}`), 404 for an
 * unknown alert, 409 when the rules refuse the change, 200 `{ item, changed }` otherwise.
 */
export function alertActionRoute(kind: AlertAction["kind"]) {
  return async (request: Request, context: AlertRouteContext) => {
    const actor = await requireAlertActor(request);
    const id = alertIdParam((await context.params).id);
    const action = await readAction(kind, request);
    const result = await actOnAlert(
      getLiveService(),
      id,
      action,
      actor.email,
      await serverAlertContext(),
    );
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  };
}

async function readAction(kind: AlertAction["kind"], request: Request): Promise<AlertAction> {
  if (kind !== "assign") {
    return { kind, ...(await readJsonBody(request, ACTION_BODIES[kind], { emptyIs: {} })) };
  }
  const body = await readJsonBody(request, ACTION_BODIES.assign, { emptyIs: {} });
  if (body.to === null) return { ...body, kind, to: null };
  const assignee = await findAssignee(body.to);
  if (!assignee) {
    throw new HttpError(
      "bad_request",
      `${body.to} is not a dispatcher or admin; only they can be given an alert.`,
    );
  }
  return { ...body, kind, to: assignee.email };
}
