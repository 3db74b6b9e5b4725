import "server-only";

/**
 * Sessions ended by signing out. The session token is a self-contained JWT, so clearing the
 * cookie alone would leave a copied token valid until it expires; this list refuses it at once.
 * Entries are dropped when the token would have expired anyway. In memory on globalThis (shared
 * by every route bundle of one process); with several instances, lib/live/redis shares each
 * revocation with the others through `onRevocation` and `recordRevocation`.
 */
type Revocations = { until: Map<string, number>; listeners: Set<Listener> };
type Listener = (sid: string, untilS: number) => void;

const holder = globalThis as typeof globalThis & { __fleetLiveRevoked?: Revocations };

function revocations(): Revocations {
  holder.__fleetLiveRevoked ??= { until: new Map(), listeners: new Set() };
  return holder.__fleetLiveRevoked;
}

/** Records a revocation (from this instance or another) without telling anyone. */
export function recordRevocation(sid: string, untilS: number, nowS: number): void {
  const { until } = revocations();
  for (const [id, expiry] of until) if (expiry <= nowS) until.delete(id);
  if (untilS > nowS) until.set(sid, untilS);
}

/** A person signed out here: refuse the session from now on, and tell the other instances. */
export function revokeSession(sid: string, untilS: number, nowS: number): void {
  recordRevocation(sid, untilS, nowS);
  for (const listener of revocations().listeners) listener(sid, untilS);
}

export function isSessionRevoked(sid: string): boolean {
  return revocations().until.has(sid);
}

export function onRevocation(listener: Listener): () => void {
  revocations().listeners.add(listener);
  return () => revocations().listeners.delete(listener);
}
