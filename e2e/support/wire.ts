import type { FleetSnapshot } from "../../lib/fleet/live";
import { decodeSnapshot, type WireSnapshot } from "../../lib/fleet/wire";

/** GET /api/fleet/snapshot's answer as the browser reads it (the wire format, decoded). */
export async function fleetSnapshotOf(response: {
  json(): Promise<unknown>;
}): Promise<FleetSnapshot> {
  return decodeSnapshot((await response.json()) as WireSnapshot);
}
