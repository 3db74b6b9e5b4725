import "server-only";
import { getEnv } from "@/lib/env";

/**
 * Forced render errors, the e2e suite's proof that a broken panel keeps the map and a broken
 * wall reloads itself. A page passes its `?fault=` value through `requestedFault`, which answers
 * only when the server runs with E2E_FAULTS=1 (refused beside real FleetUp credentials): in any
 * other deployment the parameter does nothing.
 */
export const FAULTS = ["panel", "wall"] as const;

export type Fault = (typeof FAULTS)[number];

export function requestedFault(
  value: string | string[] | undefined,
  enabled: boolean = getEnv().e2eFaults,
): Fault | undefined {
  if (!enabled) return undefined;
  const name = Array.isArray(value) ? value[0] : value;
  return FAULTS.find((fault) => fault === name);
}
