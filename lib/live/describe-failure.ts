import "server-only";
import { isFleetUpError } from "@/lib/fleetup";
import type { FeedFailure } from "./fleet-state";

/**
 * Turns a failed poll into words for a dispatcher ("why is the map not live?"). Built from the
 * error's kind and status only, so nothing FleetUp sent and no secret can reach a screen.
 */
export function describeFailure(error: unknown): FeedFailure {
  if (!isFleetUpError(error)) {
    return { kind: "internal", message: "The server could not process FleetUp's data" };
  }
  switch (error.kind) {
    case "rate_limited":
      return { kind: error.kind, message: "FleetUp is limiting our requests; polling more slowly" };
    case "timeout":
      return { kind: error.kind, message: "FleetUp did not answer in time" };
    case "auth":
      return { kind: error.kind, message: "FleetUp refused the account's credentials" };
    case "bad_payload":
      return { kind: error.kind, message: "FleetUp sent data that could not be read" };
    case "upstream":
      return {
        kind: error.kind,
        message:
          error.status === undefined
            ? "FleetUp cannot be reached"
            : `FleetUp is failing (HTTP ${error.status})`,
      };
  }
}
