import "server-only";
import { FencesFileError, isFleetUpError } from "@/lib/fleetup";
import type { FeedFailure } from "./fleet-state";

/**
 * Turns a failed poll into words for a dispatcher ("why is the map not live?"), built from the
 * error's kind and status, plus FleetUp's own words for the operator (`upstream`: the error
 * body, already redacted of every secret and token by the adapter and cut to 500 characters).
 */
export function describeFailure(error: unknown): FeedFailure {
  if (error instanceof FencesFileError) return { kind: "config", message: error.message };
  if (!isFleetUpError(error)) {
    return { kind: "internal", message: "The server could not process FleetUp's data" };
  }
  const upstream = error.upstream === undefined ? {} : { upstream: error.upstream };
  switch (error.kind) {
    case "rate_limited":
      return {
        kind: error.kind,
        message: "FleetUp is limiting our requests; polling more slowly",
        ...upstream,
      };
    case "timeout":
      return { kind: error.kind, message: "FleetUp did not answer in time" };
    case "auth":
      return {
        kind: error.kind,
        message:
          error.status === 403
            ? `FleetUp does not allow this account to use ${error.endpoint}`
            : "FleetUp refused the account's credentials",
        ...upstream,
      };
    case "bad_payload":
      return { kind: error.kind, message: "FleetUp sent data that could not be read", ...upstream };
    case "not_sent":
      return {
        kind: error.kind,
        message: "This server is holding back its FleetUp calls while the servers re-coordinate",
      };
    case "upstream":
      return {
        kind: error.kind,
        message:
          error.status === undefined
            ? error.envelope
              ? "FleetUp answered with an error"
              : "FleetUp cannot be reached"
            : error.status >= 500
              ? `FleetUp is failing (HTTP ${error.status})`
              : `FleetUp refused the request (${error.envelope ? "code" : "HTTP"} ${error.status})`,
        ...upstream,
      };
  }
}
