import "server-only";
import { z } from "zod";
import {
  ALERT_STATE_FILTERS,
  type AlertFilter,
  type AlertItem,
  type AlertStateFilter,
} from "@/lib/fleet/alert-work";
import type { AlertSeverity } from "@/lib/fleet/types";
import { HttpError } from "@/lib/http/http-error";

/**
 * What the alert routes accept, checked once here: the id in the path, the bodies of the action
 * routes and the query of GET /api/alerts. Anything else is a 400 with a sentence saying why.
 */

/** FleetUp's ids are opaque (a fence visit's carries the fence's name): any printable text. */
const ALERT_ID = /^[^\u0000-\u001f\u007f]{1,256}$/u;

export function alertIdParam(raw: string): string {
  if (!ALERT_ID.test(raw)) {
    throw new HttpError("bad_request", "An alert id is 1 to 256 printable characters.");
  }
  return raw;
}

const NOTE = "A note is text of at most 1000 characters.";
const note = z.string({ error: NOTE }).max(1000, NOTE).optional();
const takeOver = z.boolean({ error: "takeOver is true or false." }).optional();
const object = <Shape extends z.ZodRawShape>(shape: Shape, fields: string) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")}; send ${fields}.`
        : `Send a JSON object with ${fields}.`,
  });

/** The body of each action route; every field is optional but `to` (an empty body is `{}`). */
export const ACTION_BODIES = {
  acknowledge: object({ note }, "an optional note"),
  claim: object({ note, takeOver }, "an optional note and takeOver"),
  assign: object(
    {
      to: z.union([z.email({ error: "to is the email of a dispatcher, or null." }), z.null()], {
        error: "to is the email of a dispatcher, or null to release the alert.",
      }),
      note,
      takeOver,
    },
    "to (an email, or null), an optional note and takeOver",
  ),
  resolve: object({ note, takeOver }, "an optional note and takeOver"),
};

/** POST /api/alerts/ack: several alerts acknowledged with one note. */
export const BULK_ACK_BODY = object(
  {
    ids: z
      .array(z.string().regex(ALERT_ID, "Each id is 1 to 256 printable characters."), {
        error: "ids is a list of alert ids.",
      })
      .min(1, "ids lists at least one alert.")
      .max(200, "ids lists at most 200 alerts."),
    note,
  },
  "ids and an optional note",
);

const SEVERITIES: readonly AlertSeverity[] = ["info", "warning", "critical"];
const MAX_LIMIT = 500;

export type AlertQuery = { filter: AlertFilter; limit: number; after?: AlertCursor };
export type AlertCursor = { time: number; id: string };

/**
 * GET /api/alerts?state=open&severity=critical,warning&type=speeding&vehicle=<id>&fence=<id>
 * &limit=100&cursor=<from the previous page's nextCursor>
 */
export function parseAlertQuery(params: URLSearchParams): AlertQuery {
  const state = params.get("state") ?? "all";
  if (!(ALERT_STATE_FILTERS as readonly string[]).includes(state)) {
    throw new HttpError("bad_request", `state is one of ${ALERT_STATE_FILTERS.join(", ")}.`);
  }
  const severities = (params.get("severity") ?? "").split(",").filter(Boolean);
  if (severities.some((severity) => !(SEVERITIES as readonly string[]).includes(severity))) {
    throw new HttpError("bad_request", `severity is a list of ${SEVERITIES.join(", ")}.`);
  }
  const text = (name: string, max: number) => {
    const value = params.get(name) ?? undefined;
    if (value !== undefined && !(value.length >= 1 && value.length <= max)) {
      throw new HttpError("bad_request", `${name} is 1 to ${max} characters.`);
    }
    return value;
  };
  const limitText = params.get("limit") ?? "100";
  const limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw new HttpError("bad_request", `limit is a whole number from 1 to ${MAX_LIMIT}.`);
  }
  const cursor = params.get("cursor");
  return {
    filter: {
      state: state as AlertStateFilter,
      severities: severities as AlertSeverity[],
      type: text("type", 100),
      vehicleId: text("vehicle", 64),
      fenceId: text("fence", 256),
    },
    limit,
    after: cursor === null ? undefined : decodeCursor(cursor),
  };
}

export function encodeCursor(item: AlertItem): string {
  return Buffer.from(JSON.stringify([item.alert.time, item.alert.id])).toString("base64url");
}

function decodeCursor(text: string): AlertCursor {
  try {
    const [time, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (typeof time === "number" && Number.isFinite(time) && typeof id === "string") {
      return { time, id };
    }
  } catch {
    // Not ours: answered below.
  }
  throw new HttpError("bad_request", "cursor is the nextCursor of a previous answer.");
}

/** The order of every list of alerts: newest first, then by id (as the alert log keeps them). */
export function newestFirst(a: { time: number; id: string }, b: { time: number; id: string }) {
  return b.time - a.time || a.id.localeCompare(b.id);
}
