import { applyDelta, type FleetDelta, type FleetSnapshot } from "@/lib/fleet/live";

export type DeltaOutcome =
  /** The delta followed the cached snapshot: here is the next one. */
  | { kind: "applied"; snapshot: FleetSnapshot }
  /** Already seen (a replay after a reconnect): nothing to do. */
  | { kind: "ignored" }
  /** A version is missing (or there is no snapshot yet): a full snapshot is needed. */
  | { kind: "gap" };

/** Decides what one delta from the stream does to the cached snapshot. Pure. */
export function applyStreamDelta(
  current: FleetSnapshot | undefined,
  delta: FleetDelta,
): DeltaOutcome {
  if (!current) return { kind: "gap" };
  if (delta.version <= current.version) return { kind: "ignored" };
  if (delta.baseVersion !== current.version) return { kind: "gap" };
  return { kind: "applied", snapshot: applyDelta(current, delta) };
}
