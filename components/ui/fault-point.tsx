"use client";

import { createContext, useContext, type ReactNode } from "react";

const FaultContext = createContext<string | undefined>(undefined);

/**
 * Arms one forced render error for the page below it. The page passes only what
 * lib/faults.ts `requestedFault` allowed (nothing unless the server runs with E2E_FAULTS=1).
 */
export function FaultProvider({ fault, children }: { fault?: string; children: ReactNode }) {
  return <FaultContext value={fault}>{children}</FaultContext>;
}

/** Throws while rendering when this page was asked to break here; renders nothing otherwise. */
export function FaultPoint({ name }: { name: string }) {
  if (useContext(FaultContext) === name) {
    throw new Error(`Forced render error "${name}" (E2E_FAULTS test hook)`);
  }
  return null;
}
