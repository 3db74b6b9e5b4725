import "server-only";

/**
 * Sessions ended by signing out. The session token is a self-contained JWT, so clearing the
 * cookie alone would leave a copied token valid until it expires; this list refuses it at once.
 * Entries are dropped when the token would have expired anyway. In memory on globalThis (shared
 * by every route bundle of one process); with several instances this moves to Redis.
 */
const holder = globalThis as typeof globalThis & { __fleetLiveRevoked?: Map<string, number> };

function revoked(): Map<string, number> {
  holder.__fleetLiveRevoked ??= new Map();
  return holder.__fleetLiveRevoked;
}

export function revokeSession(sid: string, untilS: number, nowS: number): void {
  const list = revoked();
  for (const [id, until] of list) if (until <= nowS) list.delete(id);
  list.set(sid, untilS);
}

export function isSessionRevoked(sid: string): boolean {
  return revoked().has(sid);
}
