import { applyDelta, byId, deltaStep, type FleetDelta, type FleetSnapshot } from "@/lib/fleet/live";
import { decodeDelta, WireError, type WireDelta } from "@/lib/fleet/wire";

export type DeltaOutcome =
  /** The delta followed the cached snapshot: here is the next one, and the delta decoded. */
  | { kind: "applied"; snapshot: FleetSnapshot; delta: FleetDelta }
  /** Already seen (a replay after a reconnect): nothing to do. */
  | { kind: "ignored" }
  /** A version is missing (or there is no snapshot yet): a full snapshot is needed. */
  | { kind: "gap" };

/** Decides what one delta from the stream (in the wire format) does to the cached snapshot. */
export function applyStreamDelta(
  current: FleetSnapshot | undefined,
  wire: WireDelta,
): DeltaOutcome {
  if (!current) return { kind: "gap" };
  const step = deltaStep(current.version, { version: wire.v, baseVersion: wire.b });
  if (step !== "next") return { kind: step === "old" ? "ignored" : "gap" };
  let delta: FleetDelta;
  try {
    const held = byId(current.vehicles);
    delta = decodeDelta(wire, (id) => held.get(id));
  } catch (error) {
    // A change this page cannot follow: the whole snapshot puts it right.
    if (error instanceof WireError) return { kind: "gap" };
    throw error;
  }
  return { kind: "applied", snapshot: applyDelta(current, delta), delta };
}
